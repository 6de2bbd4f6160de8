import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { BadUserInputError, DomainError } from '../../common/errors/domain-errors';
import { JobQueue } from '../../database/job-queue.service';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { ContentItemsRepository } from './content-items.repository';
import { PublishedItems } from './published-items';
import { DRAFT_PARTS, DraftParts } from './content-ports';
import { applyTransition, canTransition, touch } from './content-transitions';
import { ContentStatus } from './content.enums';
import { ContentItemEntity } from './entities/content-item.entity';

const SCHEDULE_QUEUE = 'content-schedule';

/** Who the revisions of scheduled transitions name. */
export const SCHEDULER: Principal = { keyId: null, name: 'scheduler', role: Role.ADMIN };

interface ScheduleJob {
  itemId: string;
  action: 'publish' | 'unpublish';
  /** The moment the job was queued for: a job whose moment the item no longer has was cancelled or rescheduled. */
  at: string;
}

/**
 * Scheduled publishing and unpublishing. A schedule is stored on the item and carried out by a
 * pg-boss job (durable, handed to one instance); the job acts only if the item still has that
 * moment scheduled, in the transaction that clears it, so a retried or stale job changes nothing.
 */
@Injectable()
export class ContentScheduleService implements OnModuleInit {
  private readonly logger = new Logger('Scheduler');

  constructor(
    private readonly repository: ContentItemsRepository,
    private readonly jobs: JobQueue,
    private readonly published: PublishedItems,
    @Inject(DRAFT_PARTS) private readonly draftParts: DraftParts,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.run<ScheduleJob>({
      name: SCHEDULE_QUEUE,
      options: { policy: 'standard', retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, heartbeatSeconds: 10, expireInSeconds: 120 },
      concurrency: 2,
      pollingIntervalSeconds: 1,
      handle: (job) => this.carryOut(job.data),
    });
  }

  async schedule(id: string, version: number, publishAt: Date | null, unpublishAt: Date | null, principal: Principal): Promise<ContentItemEntity> {
    const now = Date.now();
    if (!publishAt && !unpublishAt) throw new BadUserInputError('Give publishAt, unpublishAt or both; cancelSchedule removes a schedule', 'publishAt');
    if (publishAt && publishAt.getTime() <= now) throw new BadUserInputError(`publishAt ${publishAt.toISOString()} is not in the future; publish now with publishContentItem`, 'publishAt');
    if (unpublishAt && unpublishAt.getTime() <= now) throw new BadUserInputError(`unpublishAt ${unpublishAt.toISOString()} is not in the future; unpublish now with unpublishContentItem`, 'unpublishAt');
    if (publishAt && unpublishAt && unpublishAt <= publishAt) throw new BadUserInputError('unpublishAt must be later than publishAt', 'unpublishAt');
    const change = `schedule: ${[publishAt && `publish at ${publishAt.toISOString()}`, unpublishAt && `unpublish at ${unpublishAt.toISOString()}`].filter(Boolean).join(', ')}`;
    const saved = await this.repository.update(
      id,
      version,
      change,
      (item) => {
        if (item.status === ContentStatus.ARCHIVED && !publishAt) throw new BadUserInputError(`Item ${id} is archived: there is nothing live to unpublish`, 'unpublishAt');
        if (publishAt && !canTransition(item, 'publish')) throw new BadUserInputError(`Item ${id} is published and has no draft: there is nothing to publish at ${publishAt.toISOString()}`, 'publishAt');
        if (unpublishAt && !publishAt && item.status !== ContentStatus.PUBLISHED) throw new BadUserInputError(`Item ${id} is not published: schedule a publishAt before its unpublishAt`, 'unpublishAt');
        item.publishAt = publishAt;
        item.unpublishAt = unpublishAt;
        touch(item, principal);
      },
      async (manager, item) => {
        for (const [action, at] of [['publish', item.publishAt], ['unpublish', item.unpublishAt]] as const) {
          if (at) await this.jobs.sendWithin(manager, SCHEDULE_QUEUE, { itemId: id, action, at: at.toISOString() } satisfies ScheduleJob, { startAfter: at });
        }
      },
    );
    await this.published.changed(saved);
    return saved;
  }

  /** Removes the item's schedule; its queued jobs find nothing scheduled and do nothing. */
  async cancel(id: string, version: number, principal: Principal): Promise<ContentItemEntity> {
    const saved = await this.repository.update(id, version, 'cancel schedule', (item) => {
      if (!item.publishAt && !item.unpublishAt) throw new BadUserInputError(`Item ${id} has no schedule to cancel`, 'id');
      item.publishAt = null;
      item.unpublishAt = null;
      touch(item, principal);
    });
    await this.published.changed(saved);
    return saved;
  }

  private async carryOut(job: ScheduleJob): Promise<void> {
    let saved: ContentItemEntity | null;
    try {
      saved = await this.repository.updateAsItIs(
        job.itemId,
        (item) => {
          if (!this.isDue(item, job)) return null;
          if (!canTransition(item, job.action)) {
            // Done by hand in the meantime (published, taken offline): the schedule has nothing left to do.
            this.clear(item, job);
            return `cancel schedule: the item was already ${item.status.toLowerCase()} at ${job.at}`;
          }
          applyTransition(item, job.action, SCHEDULER);
          return `${job.action}: as scheduled for ${job.at}`;
        },
        (manager, item) => this.draftParts.apply(manager, item.id),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The transition is refused (e.g. the draft's slug is taken meanwhile): drop the schedule, say why, and let webhooks tell.
      this.logger.warn(`Could not ${job.action} item ${job.itemId} as scheduled for ${job.at}: ${error.message}`);
      saved = await this.repository.updateAsItIs(job.itemId, (item) => {
        if (!this.isDue(item, job)) return null;
        this.clear(item, job);
        return `cancel schedule: the scheduled ${job.action} failed: ${error.message}`;
      });
    }
    if (!saved) return;
    this.logger.log(`Item ${saved.id} (version ${saved.version}): ${job.action} as scheduled for ${job.at}`);
    await this.published.changed(saved);
  }

  private isDue(item: ContentItemEntity, job: ScheduleJob): boolean {
    return (job.action === 'publish' ? item.publishAt : item.unpublishAt)?.toISOString() === job.at;
  }

  private clear(item: ContentItemEntity, job: ScheduleJob): void {
    if (job.action === 'publish') item.publishAt = null;
    else item.unpublishAt = null;
    touch(item, SCHEDULER);
  }
}
