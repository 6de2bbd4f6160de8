import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { BadUserInputError } from '../../common/errors/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { Public, Roles } from '../auth/roles.decorator';
import { jsonOrText, toAltTexts } from './alt-texts';
import { toAssetModel } from './asset.mapper';
import { AssetModel } from './asset.model';
import { AssetsService, RenditionQuery } from './assets.service';
import { readUploadForm } from './upload-form';

/** The plain HTTP face of assets: multipart upload for tools, renditions for mail clients and phones. */
@Controller('assets')
export class AssetsController {
  constructor(
    private readonly assets: AssetsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Roles(Role.EDITOR)
  @HttpCode(201)
  async upload(@Req() request: FastifyRequest, @CurrentPrincipal() principal: Principal): Promise<AssetModel> {
    const { file, fields } = await readUploadForm(request, this.config.assets.maxBytes);
    if (!file) throw new BadUserInputError('Send the image as the multipart field "file"', 'file');
    const asset = await this.assets.upload(
      {
        data: file.data,
        filename: file.filename,
        alt: parseAlt(fields.alt, fields.locale),
        focalX: parseFraction(fields.focalX, 'focalX'),
        focalY: parseFraction(fields.focalY, 'focalY'),
        tags: parseTags(fields.tags),
      },
      principal,
    );
    return toAssetModel(asset, this.assets.renditionUrls(asset.id));
  }

  /**
   * Served without a key at unguessable URLs (random ids), content-addressed: cache forever,
   * revalidate by ETag. Fastify answers HEAD from this route too, with the headers and no body.
   */
  @Get(':id/:profile')
  @Public()
  async rendition(@Param('id') id: string, @Param('profile') profile: string, @Query() query: RenditionQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const rendition = await this.assets.rendition(id, profile, query);
    reply.header('ETag', rendition.etag).header('Cache-Control', 'public, max-age=31536000, immutable').header('X-Content-Type-Options', 'nosniff');
    if (request.headers['if-none-match'] === rendition.etag) return reply.status(304).send();
    return reply.status(200).type(rendition.mediaType).send(rendition.data);
  }
}

function parseAlt(alt: string | undefined, locale: string | undefined): Record<string, string> {
  if (!alt) throw new BadUserInputError('alt text is required', 'alt');
  if (!alt.trim().startsWith('{')) return toAltTexts(alt, locale);
  const parsed = jsonOrText(alt);
  if (typeof parsed === 'string') throw new BadUserInputError('alt must be text or a JSON object of locale → text', 'alt');
  return toAltTexts(parsed, locale);
}

function parseFraction(value: string | undefined, name: string): number | null {
  if (value === undefined || value === '') return null;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 1) throw new BadUserInputError(`${name} must be a number from 0 to 1`, name);
  return number;
}

function parseTags(tags: string | undefined): string[] {
  if (!tags) return [];
  if (!tags.trim().startsWith('[')) return tags.split(',').map((tag) => tag.trim()).filter(Boolean);
  const parsed = jsonOrText(tags);
  if (!Array.isArray(parsed) || !parsed.every((tag) => typeof tag === 'string')) {
    throw new BadUserInputError('tags must be a comma-separated list or a JSON array of strings', 'tags');
  }
  return parsed;
}
