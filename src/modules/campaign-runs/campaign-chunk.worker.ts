import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobQueue } from '../../database/job-queue.service';
import { CAMPAIGN_CHUNK_QUEUE, CampaignChunkJob } from './campaign-run-jobs';
import { CampaignChunksService } from './campaign-chunks.service';

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
      options: { policy: 'standard', retryLimit: 5, retryDelay: 2, retryBackoff: true, retryDelayMax: 60, heartbeatSeconds: 10, expireInSeconds: 15 * 60 },
      concurrency: this.config.campaignRuns.concurrency,
      pollingIntervalSeconds: 0.5,
      // A chunk is safe to redo (a done one is skipped, its files rewritten whole).
      batchSize: 4,
      handle: (job) => this.chunks.render(job.data),
    });
  }
}
