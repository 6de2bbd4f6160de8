import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, NotFoundError } from '../../common/errors/domain-errors';
import { validateElement } from '../../common/pipes/validation.pipe';
import { ASSET_STORAGE, AssetStorage } from '../assets/asset-storage';
import { PersonalizeInput } from '../delivery/graphql/personalize.input';
import { PersonalizedVariant, PersonalizeService } from '../delivery/personalize.service';
import { RenderBudget } from '../delivery/render-budget';
import { CampaignRunRecord, CampaignRunState, CampaignSkip, FAILED } from './campaign-run-record';
import { runProgress } from './campaign-run.mapper';
import { CampaignChunkJob, chunkKey, manifestKeyOf, printKey, RUN_PRINCIPAL } from './campaign-run-jobs';
import { FillRendering } from '../channels/channel-renderer';
import { ChannelsService } from '../channels/channels.service';
import { CampaignRunsRepository } from './campaign-runs.repository';

/** A chunk may take this long to render before the rest of it is refused as failed. */
const CHUNK_BUDGET_MS = 10 * 60 * 1000;
/** How often a long run reports its progress in the log, per instance. */
const PROGRESS_LOG_MS = 10_000;

/**
 * Renders one chunk of a run, on whichever instance the job queue hands it to: every customer goes
 * through personalize (the same selection channel apps get), the chunk's output is written as one
 * file through the asset storage (for a print channel also its print file and manifest), and only
 * then is the chunk marked done, once. A chunk redone after a crash overwrites its own files: the
 * output never has a customer twice.
 */
@Injectable()
export class CampaignChunksService {
  private readonly logger = new Logger('CampaignRuns');
  private readonly lastProgressLog = new Map<string, number>();

  constructor(
    private readonly repository: CampaignRunsRepository,
    private readonly personalizer: PersonalizeService,
    @Inject(ASSET_STORAGE) private readonly storage: AssetStorage,
    private readonly channels: ChannelsService,
  ) {}

  async render({ runId, chunk }: CampaignChunkJob): Promise<void> {
    const run = await this.repository.find(runId);
    // A paused run keeps its pending chunks for resume; a cancelled one drops them.
    if (!run || run.state !== CampaignRunState.RUNNING) return;
    const audience = await this.repository.chunkAudience(runId, chunk);
    if (!audience) return;
    const budget = new RenderBudget(CHUNK_BUDGET_MS);
    // A print channel's chunk is one print file: every letter is drawn straight into it, in order.
    const printFile = await this.channels.registry.get(run.channel).print?.openFile();
    const lines: string[] = [];
    const skips: CampaignSkip[] = [];
    let failed = 0;
    for (const { line, context } of audience) {
      if (context === null || typeof context !== 'object' || Array.isArray(context)) {
        skips.push({ line, reason: 'invalid context', message: `line ${line} is not a JSON object of a customer context (or is longer than 16 KiB, or holds a NUL character)` });
        continue;
      }
      try {
        const input = await validateElement(PersonalizeInput, { itemId: run.itemId ?? undefined, selector: run.selector ?? undefined, channel: run.channel, preview: run.preview || undefined, context: { ...(context as object), now: run.runAt } }, 'input');
        const customerId = input.context.customerId ?? null;
        const fill: FillRendering | undefined = printFile && ((rendering, recipient) => printFile.append(rendering, recipient, { customerId, line }));
        const variant = await this.personalizer.personalize(input, RUN_PRINCIPAL, budget, fill);
        lines.push(JSON.stringify(outputLine(variant, customerId)));
      } catch (error) {
        if (error instanceof DomainError) skips.push({ line, reason: reasonOf(error), message: `line ${line}: ${error.message}` });
        else {
          failed += 1;
          skips.push({ line, reason: FAILED, message: (error as Error).message });
        }
      }
    }
    const attempt = randomBytes(6).toString('hex');
    const outputKey = lines.length > 0 ? chunkKey(runId, chunk, attempt) : null;
    if (outputKey) await this.storage.put(outputKey, Buffer.from(`${lines.join('\n')}\n`));
    let printFileKey: string | null = null;
    const file = printFile?.finish();
    if (file && file.manifest.length > 0) {
      printFileKey = printKey(runId, chunk, attempt);
      await this.storage.put(printFileKey, file.pdf);
      await this.storage.put(manifestKeyOf(printFileKey), Buffer.from(JSON.stringify(file.manifest)));
    }
    const after = await this.repository.completeChunk(runId, chunk, { done: lines.length, skips, failed, outputKey, printKey: printFileKey });
    // Another rendering of this chunk completed first: its files are the chunk's, these go.
    if (!after) await this.removeFiles(outputKey, printFileKey);
    if (after) this.logProgress(after);
  }

  /**
   * A chunk that failed on its every attempt (storage down, a renderer fault) is closed with all
   * its lines counted as failed, so the run still ends and says what happened.
   */
  async giveUp({ runId, chunk }: CampaignChunkJob, error: Error): Promise<void> {
    this.logger.error(`Campaign run ${runId}: chunk ${chunk} failed on every attempt (${error.message}); its lines are counted as failed`);
    const lines = await this.repository.chunkLines(runId, chunk);
    const skips = lines.map((line) => ({ line, reason: FAILED, message: `line ${line}: its chunk could not be rendered: ${error.message}` }));
    const after = await this.repository.completeChunk(runId, chunk, { done: 0, skips, failed: lines.length, outputKey: null, printKey: null });
    if (after) this.logProgress(after);
  }

  private async removeFiles(...keys: (string | null)[]): Promise<void> {
    for (const key of keys) {
      if (!key) continue;
      await this.storage.delete(key);
      if (key.endsWith('.pdf')) await this.storage.delete(manifestKeyOf(key));
    }
  }

  private logProgress(run: CampaignRunRecord): void {
    if (run.state === CampaignRunState.FINISHED) {
      this.lastProgressLog.delete(run.id);
      this.logger.log(`Campaign run ${run.id} (${run.name}) finished: ${run.done} rendered, ${run.skipped} skipped, ${run.failed} failed of ${run.total}`);
      return;
    }
    const now = Date.now();
    if (now - (this.lastProgressLog.get(run.id) ?? 0) < PROGRESS_LOG_MS) return;
    this.lastProgressLog.set(run.id, now);
    const progress = runProgress(run, new Date(now));
    this.logger.log(`Campaign run ${run.id} (${run.name}): ${progress.handled} of ${run.total} handled, ${progress.ratePerSecond}/s, about ${progress.etaSeconds ?? '?'} s left`);
  }
}

/** One line of the run's output: what the channel's sender needs for one customer (a print channel's documents are in the print files). */
function outputLine(variant: PersonalizedVariant, customerId: string | null): Record<string, unknown> {
  return {
    customerId,
    channel: variant.channel,
    itemId: variant.itemId,
    itemVersion: variant.itemVersion,
    variantId: variant.variantId,
    locale: variant.locale,
    deliveryToken: variant.deliveryToken,
    parts: variant.parts,
    text: variant.text,
    warnings: variant.warnings,
  };
}

/** Counted categories, so a million skipped customers make a few reasons, each line keeping its own message. */
function reasonOf(error: DomainError): string {
  if (error instanceof NotFoundError) return 'no matching message';
  if (/consent/i.test(error.message)) return 'no consent';
  if (error.code === 'BAD_USER_INPUT') return 'invalid context';
  return error.code.toLowerCase().replace(/_/g, ' ');
}
