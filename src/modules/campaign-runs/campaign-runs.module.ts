import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module';
import { ContentModule } from '../content/content.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { CampaignChunksService } from './campaign-chunks.service';
import { CampaignChunkWorker } from './campaign-chunk.worker';
import { CampaignRunsController } from './campaign-runs.controller';
import { CampaignRunsRepository } from './campaign-runs.repository';
import { CampaignRunsResolver } from './campaign-runs.resolver';
import { CampaignRunsService } from './campaign-runs.service';

/** Campaign runs: one message rendered for a whole audience, in chunks every instance shares. */
@Module({
  imports: [AssetsModule, ContentModule, DeliveryModule],
  providers: [CampaignRunsRepository, CampaignRunsService, CampaignChunksService, CampaignChunkWorker, CampaignRunsResolver],
  controllers: [CampaignRunsController],
  exports: [CampaignRunsService],
})
export class CampaignRunsModule {}
