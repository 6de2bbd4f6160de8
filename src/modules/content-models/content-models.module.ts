import { Module } from '@nestjs/common';
import { ContentModelsResolver } from './content-models.resolver';
import { ContentModelsService } from './content-models.service';

@Module({
  providers: [ContentModelsService, ContentModelsResolver],
  exports: [ContentModelsService],
})
export class ContentModelsModule {}
