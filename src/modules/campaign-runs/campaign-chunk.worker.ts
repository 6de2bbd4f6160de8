import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobQueue } from '../../database/job-queue.service';
import { CAMPAIGN_CHUNK_QUEUE, CampaignChunkJob } from './campaign-run-jobs';
import { CampaignChunksService } from './campaign-chunks.service';

const CHUNK_RETRIES = 5;
const BATCH = 4;

/** Works the chunk queue on this instance: the job queue hands each chunk to one instance at a time. */
@Injectable()
export class CampaignChunkWorker implements OnModuleInit {
  constructor(
    private readonly chunks: CampaignChunksService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.run<CampaignChunkJob>({
      name: CAMPAIGN_CHUNK_QUEUE,
      // Heartbeats find a dead instance within seconds; the expiry only bounds a whole batch of slow chunks.
      options: { policy: 'standard', retryLimit: CHUNK_RETRIES, retryDelay: 2, retryBackoff: true, retryDelayMax: 60, heartbeatSeconds: 10, expireInSeconds: BATCH * 15 * 60 },
      concurrency: this.config.campaignRuns.concurrency,
      pollingIntervalSeconds: 0.5,
      // A chunk is safe to redo: a done one is skipped, and of two renderings only the first to complete counts.
      batchSize: BATCH,
      handle: async (job) => {
        try {
          await this.chunks.render(job.data);
        } catch (error) {
          if (job.retryCount < CHUNK_RETRIES) throw error;
          await this.chunks.giveUp(job.data, error as Error);
        }
      },
    });
  }
}
