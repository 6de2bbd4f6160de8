import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ContentModule } from '../content/content.module';
import { ASSET_STORAGE } from './asset-storage';
import { CHANNEL_RENDITIONS, ChannelRenditions } from './channel-renditions';
import { AssetsController } from './assets.controller';
import { AssetsRepository } from './assets.repository';
import { AssetsResolver } from './assets.resolver';
import { AssetsService } from './assets.service';
import { ImageProcessor } from './image-processor';
import { LocalDiskStorage } from './local-disk.storage';

@Module({
  imports: [ContentModule],
  controllers: [AssetsController],
  providers: [
    AssetsRepository,
    AssetsService,
    AssetsResolver,
    { provide: ImageProcessor, inject: [CHANNEL_RENDITIONS], useFactory: (channels: ChannelRenditions) => new ImageProcessor(channels.renditionProfiles()) },
    { provide: ASSET_STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalDiskStorage(config.assets.directory) },
  ],
  exports: [AssetsService, ASSET_STORAGE],
})
export class AssetsModule {}
