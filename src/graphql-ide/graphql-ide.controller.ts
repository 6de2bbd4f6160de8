import * as path from 'node:path';
import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../modules/auth/roles.decorator';
import { ideFile } from './graphql-ide';

/** The IDE page's own scripts and styles; the page itself is answered on GET /graphql. */
@Controller('ide-assets')
export class GraphqlIdeController {
  @Get(':file')
  @Public()
  asset(@Param('file') name: string, @Res() reply: FastifyReply): FastifyReply {
    const file = ideFile(name);
    if (!file) throw new NotFoundException();
    return reply.header('Cache-Control', 'public, max-age=3600').sendFile(path.basename(file), path.dirname(file));
  }
}
