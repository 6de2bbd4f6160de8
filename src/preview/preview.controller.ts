import * as fs from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { findProjectRoot } from '../config/app-config';
import { Public } from '../modules/auth/roles.decorator';

const PUBLIC_DIR = path.join(findProjectRoot(__dirname), 'src/preview/public');
const ASSETS = new Set(['preview.js', 'preview.css']);
/** The page itself carries no data (that comes from GraphQL with the editor's key); it may run only its own script. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  'img-src * data: blob:',
  "frame-src 'self' blob: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  // Nobody may frame the editor's page (clickjacking).
  "frame-ancestors 'none'",
].join('; ');

@Controller('preview')
export class PreviewController {
  private readonly shell = fs.readFileSync(path.join(PUBLIC_DIR, 'preview.html'), 'utf8');

  /** Every page of the preview is the same shell; its script reads the path and loads the data with the editor's key. */
  @Get(['', 'kpis', 'calendar', 'runs', 'items/:id'])
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  page(): string {
    return this.shell;
  }

  @Get('assets/:file')
  @Public()
  asset(@Param('file') file: string, @Res() reply: FastifyReply): FastifyReply {
    if (!ASSETS.has(file)) throw new NotFoundException();
    return reply.header('Cache-Control', 'no-cache').sendFile(file, PUBLIC_DIR);
  }
}
