import { Readable } from 'node:stream';
import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../common/errors/domain-errors';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { canReadDrafts, Principal } from '../auth/principal';
import { isNdjson, ndjsonLines, OVERLONG_LINE, parseJsonLine } from '../../common/http/ndjson-lines';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ASSET_STORAGE, AssetStorage } from '../assets/asset-storage';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { manifestKeyOf } from './campaign-run-jobs';
import { ManifestEntry } from '../channels/channel-renderer';
import { AudienceLine } from './campaign-run-record';
import { CampaignRunModel } from './campaign-run.graphql';
import { toCampaignRunModel } from './campaign-run.mapper';
import { CampaignRunsRepository } from './campaign-runs.repository';
import { CampaignRunsService } from './campaign-runs.service';

const MAX_LINE_BYTES = 16 * 1024;

/** A run's audience in (NDJSON, streamed) and its output out (NDJSON, streamed chunk by chunk; print files for print channels). */
@Controller('campaign-runs')
export class CampaignRunsController {
  constructor(
    private readonly runs: CampaignRunsService,
    private readonly repository: CampaignRunsRepository,
    @Inject(ASSET_STORAGE) private readonly storage: AssetStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post(':id/audience')
  @Roles(Role.EDITOR)
  async audience(@Param('id') id: string, @Req() request: FastifyRequest): Promise<CampaignRunModel> {
    if (!isNdjson(request)) {
      throw new BadUserInputError('Send the audience as NDJSON: content-type application/x-ndjson, one customer context per line', 'content-type');
    }
    return toCampaignRunModel(await this.runs.upload(id, contexts(request)), this.config.publicUrl);
  }

  @Get(':id/output')
  @Roles(Role.DELIVERY, Role.PREVIEW)
  async output(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply): Promise<FastifyReply> {
    await this.readable(id, principal);
    const chunks = await this.repository.doneChunks(id);
    const storage = this.storage;
    // Read chunk by chunk as the client takes them (a byte stream holding one chunk ahead, not sixteen); a client that goes away ends the reading.
    async function* outputs(): AsyncGenerator<Buffer> {
      for (const { outputKey } of chunks) {
        const data = outputKey ? await storage.get(outputKey) : null;
        if (data) yield data;
      }
    }
    return reply.status(200).type('application/x-ndjson').send(Readable.from(outputs(), { objectMode: false, highWaterMark: 1 }));
  }

  /** A preview run rendered drafts: its output is for PREVIEW keys and above, never a DELIVERY key. */
  private async readable(id: string, principal: Principal): Promise<void> {
    const run = await this.runs.get(id);
    if (run.preview && !canReadDrafts(principal)) throw new ForbiddenError(`Campaign run ${id} is a preview run (drafts): its output needs a PREVIEW, EDITOR or ADMIN key`);
  }

  @Get(':id/letters')
  @Roles(Role.DELIVERY, Role.PREVIEW)
  async printFiles(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<{ file: number; url: string; letters: number; pages: number; manifest: ManifestEntry[] }[]> {
    await this.readable(id, principal);
    const files = [];
    for (const { chunk, printKey } of await this.repository.doneChunks(id)) {
      const manifest = printKey ? await this.storage.get(manifestKeyOf(printKey)) : null;
      if (!manifest) continue;
      const entries = JSON.parse(manifest.toString('utf8')) as ManifestEntry[];
      const last = entries[entries.length - 1];
      files.push({ file: chunk + 1, url: `${this.config.publicUrl}/campaign-runs/${id}/letters/${chunk + 1}.pdf`, letters: entries.length, pages: last.firstPage - 1 + last.pageCount + (last.pageCount % 2), manifest: entries });
    }
    return files;
  }

  @Get(':id/letters/:file')
  @Roles(Role.DELIVERY, Role.PREVIEW)
  async printFile(@Param('id') id: string, @Param('file') file: string, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply): Promise<FastifyReply> {
    await this.readable(id, principal);
    const number = /^([1-9][0-9]{0,6})\.pdf$/.exec(file);
    const key = number ? (await this.repository.doneChunks(id)).find((chunk) => chunk.chunk === Number(number[1]) - 1)?.printKey : null;
    const pdf = key ? await this.storage.get(key) : null;
    if (!pdf) throw new NotFoundError(`Campaign run ${id} has no print file ${file}; GET /campaign-runs/${id}/letters lists them`);
    return reply.status(200).type('application/pdf').header('Content-Disposition', `attachment; filename="${id}-${number![1]}.pdf"`).send(pdf);
  }
}

/**
 * Each customer line with its number in the body (blank lines are numbered but not customers);
 * a line that is not JSON (or is too long) as null, which the run reports as invalid by its number.
 */
async function* contexts(request: FastifyRequest): AsyncGenerator<AudienceLine[]> {
  let lineNumber = 0;
  for await (const lines of ndjsonLines(request.raw, MAX_LINE_BYTES)) {
    const batch: AudienceLine[] = [];
    for (const line of lines) {
      lineNumber += 1;
      if (line === OVERLONG_LINE) batch.push({ line: lineNumber, context: null });
      else if (line.trim() !== '') batch.push({ line: lineNumber, context: parseJsonLine(line) ?? null });
    }
    yield batch;
  }
}
