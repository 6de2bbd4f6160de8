import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { isUuid } from '../../common/ids/uuid';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobQueue } from '../../database/job-queue.service';
import { Principal } from '../auth/principal';
import { ChannelsService } from '../channels/channels.service';
import { ContentItemsService } from '../content/content-items.service';
import { ContentStatus } from '../content/content.enums';
import { AudienceLine, CampaignRunRecord, CampaignRunState, CampaignSkip } from './campaign-run-record';
import { CAMPAIGN_CHUNK_QUEUE, CampaignChunkJob } from './campaign-run-jobs';
import { CampaignRunsRepository } from './campaign-runs.repository';
import { checkPageSize } from '../../common/pagination/page-size';

/** Runs one calendar shows at most. */
const MAX_RUNS_IN_PERIOD = 1_000;

/** Audience lines written per statement while an upload streams in. */
const AUDIENCE_BATCH = 1_000;

export interface CreateCampaignRun {
  name: string;
  itemId?: string | null;
  selector?: Record<string, unknown> | null;
  channel: string;
  audience?: unknown[] | null;
  now?: Date | null;
  preview?: boolean | null;
}

/**
 * Campaign runs as editors drive them: created with a checked target, given an audience (inline,
 * or uploaded as NDJSON), started as one job per chunk, paused, resumed and cancelled.
 */
@Injectable()
export class CampaignRunsService {
  constructor(
    private readonly repository: CampaignRunsRepository,
    private readonly contentItems: ContentItemsService,
    private readonly channels: ChannelsService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(input: CreateCampaignRun, principal: Principal): Promise<CampaignRunRecord> {
    if ((input.itemId == null) === (input.selector == null)) throw new BadUserInputError('Give either input.itemId or input.selector', input.itemId ? 'input.selector' : 'input.itemId');
    this.channels.registry.get(input.channel);
    if (input.itemId) await this.checkItem(input.itemId, input.channel, input.preview === true, principal);
    const inline = input.audience?.length ? input.audience : null;
    if (inline && inline.length > this.config.campaignRuns.maxInline) {
      throw new BadUserInputError(`input.audience has ${inline.length} customers; inline audiences may have ${this.config.campaignRuns.maxInline}: upload a larger one as NDJSON to POST /campaign-runs/{id}/audience`, 'input.audience');
    }
    const target = { itemId: input.itemId ?? null, selector: input.selector ?? null, channel: input.channel, runAt: input.now ?? new Date(), preview: input.preview === true };
    const { chunkSize, printBatch } = this.config.campaignRuns;
    const runChunkSize = this.channels.registry.get(input.channel).print ? Math.min(chunkSize, printBatch) : chunkSize;
    if (!inline) return this.repository.insert(input.name, target, runChunkSize, principal.name);
    // Created, given its audience and started in one transaction: a failure leaves no empty DRAFT behind.
    return this.repository.transaction(async (manager) => {
      const run = await this.repository.insert(input.name, target, runChunkSize, principal.name, manager);
      await this.repository.addAudience(manager, run.id, inline.map((context, index) => ({ line: index + 1, context })));
      return this.startLocked({ ...run, total: inline.length }, manager);
    });
  }

  async get(id: string): Promise<CampaignRunRecord> {
    checkRunId(id);
    const run = await this.repository.find(id);
    if (!run) throw new NotFoundError(`No campaign run with id ${id}`);
    return run;
  }

  /** `work` on the run locked FOR UPDATE; an id that is no run is refused before any work. */
  private async withRun<T>(id: string, work: (run: CampaignRunRecord, manager: EntityManager) => Promise<T>): Promise<T> {
    checkRunId(id);
    const result = await this.repository.withRun(id, async (run, manager) => ({ value: await work(run, manager) }));
    if (!result) throw new NotFoundError(`No campaign run with id ${id}`);
    return result.value;
  }

  list(first: number): Promise<CampaignRunRecord[]> {
    checkPageSize(first, 200);
    return this.repository.list(first);
  }

  /** Runs (not cancelled) whose `now` falls in [from, to), on `channel` when given: for the calendar. */
  inPeriod(from: Date, to: Date, channel: string | null): Promise<CampaignRunRecord[]> {
    return this.repository.inPeriod(from, to, channel, MAX_RUNS_IN_PERIOD);
  }

  async skips(id: string, first: number, afterLine: number): Promise<CampaignSkip[]> {
    checkPageSize(first, 1000);
    await this.get(id);
    return this.repository.skips(id, first, afterLine);
  }

  /**
   * Appends NDJSON customer contexts to a DRAFT run as they stream in, all or nothing: a body over
   * the audience limit stores none of its lines. Lines keep their number in the body (after the
   * lines of earlier uploads), so a report's line number is the one in the file; a line that is
   * not a JSON object, or holds a NUL character, is kept as such and reported by the run (invalid context).
   */
  async upload(id: string, batches: AsyncIterable<AudienceLine[]>): Promise<CampaignRunRecord> {
    const limit = this.config.campaignRuns.maxAudience;
    await this.withRun(id, async (run, manager) => {
      if (run.state !== CampaignRunState.DRAFT) throw new ConflictError(`Campaign run ${id} is ${run.state}: an audience can only be added before it starts`, { path: 'id' });
      const offset = await this.repository.lastLine(manager, id);
      let stored = run.total;
      let pending: AudienceLine[] = [];
      for await (const batch of batches) {
        pending.push(...batch.map(({ line, context }) => ({ line: offset + line, context })));
        if (stored + pending.length > limit) throw new BadUserInputError(`The audience has more than ${limit} customers (HUB_CAMPAIGN_MAX_AUDIENCE); nothing of this upload was stored: split the campaign`, 'body', { limit });
        if (pending.length >= AUDIENCE_BATCH) {
          await this.repository.addAudience(manager, id, pending);
          stored += pending.length;
          pending = [];
        }
      }
      if (pending.length > 0) await this.repository.addAudience(manager, id, pending);
    });
    return this.get(id);
  }

  /** Queues one job per chunk; every instance takes its share. */
  async start(id: string): Promise<CampaignRunRecord> {
    return this.withRun(id, (run, manager) => this.startLocked(run, manager));
  }

  /** Starts a run whose row this transaction holds (locked, or inserted by it). */
  private async startLocked(run: CampaignRunRecord, manager: EntityManager): Promise<CampaignRunRecord> {
    const id = run.id;
    if (run.state !== CampaignRunState.DRAFT) throw new ConflictError(`Campaign run ${id} is ${run.state}; only a DRAFT run can be started`, { path: 'id' });
    if (run.total === 0) throw new BadUserInputError(`Campaign run ${id} has no audience yet: upload it to POST /campaign-runs/${id}/audience first`, 'id');
    // Ordering millions of audience lines takes longer than the usual statement limit.
    await manager.query("SET LOCAL statement_timeout = '10min'");
    const chunks = await this.repository.createChunks(manager, id, run.total, run.chunkSize, this.channels.registry.get(run.channel).print?.sortPath ?? null);
    await this.queue(manager, id, chunks);
    return this.repository.setState(manager, id, CampaignRunState.RUNNING, { started: true });
  }

  /** Chunks being rendered finish; the others wait for resume. */
  pause(id: string): Promise<CampaignRunRecord> {
    return this.change(id, [CampaignRunState.RUNNING], CampaignRunState.PAUSED);
  }

  async resume(id: string): Promise<CampaignRunRecord> {
    return this.withRun(id, async (run, manager) => {
      if (run.state !== CampaignRunState.PAUSED) throw new ConflictError(`Campaign run ${id} is ${run.state}; only a PAUSED run can be resumed`, { path: 'id' });
      await this.queue(manager, id, await this.repository.pendingChunks(manager, id));
      await this.repository.setState(manager, id, CampaignRunState.RUNNING);
      // Its last chunks may have completed while it was paused.
      return this.repository.finishIfDone(manager, id);
    });
  }

  /** What is rendered stays downloadable; nothing more is rendered. */
  cancel(id: string): Promise<CampaignRunRecord> {
    return this.change(id, [CampaignRunState.DRAFT, CampaignRunState.QUEUED, CampaignRunState.RUNNING, CampaignRunState.PAUSED], CampaignRunState.CANCELLED);
  }

  private async change(id: string, from: CampaignRunState[], to: CampaignRunState): Promise<CampaignRunRecord> {
    return this.withRun(id, async (run, manager) => {
      if (!from.includes(run.state)) throw new ConflictError(`Campaign run ${id} is ${run.state}; it can become ${to} only from ${from.join(' or ')}`, { path: 'id' });
      return this.repository.setState(manager, id, to);
    });
  }

  private queue(manager: EntityManager, runId: string, chunks: number[]): Promise<void> {
    return this.jobs.insertWithin(manager, CAMPAIGN_CHUNK_QUEUE, chunks.map((chunk): CampaignChunkJob => ({ runId, chunk })));
  }

  /** Refused up front: an unknown item, one not published (unless previewing), a channel the item does not allow. */
  private async checkItem(itemId: string, channel: string, preview: boolean, principal: Principal): Promise<void> {
    if (!isUuid(itemId)) throw new BadUserInputError('input.itemId is not a content item id (a UUID)', 'input.itemId');
    const item = await this.contentItems.get(itemId, principal);
    if (!preview && item.status !== ContentStatus.PUBLISHED) throw new BadUserInputError(`Item ${itemId} is ${item.status.toLowerCase()}: publish it first, or run with preview: true`, 'input.itemId');
    if (item.channels.length > 0 && !item.channels.includes(channel)) throw new BadUserInputError(`Item ${itemId} is only for ${item.channels.join(', ')}, not ${channel}`, 'input.channel');
  }
}

function checkRunId(id: string): void {
  if (!isUuid(id)) throw new BadUserInputError('id is not a campaign run id (a UUID)', 'id');
}
