import { Module } from '@nestjs/common';
import { ContentModelsModule } from '../content-models/content-models.module';
import { ContentItemsRepository } from './content-items.repository';
import { ContentItemConnectionResolver, ContentItemsResolver } from './content-items.resolver';
import { ContentItemsService } from './content-items.service';

@Module({
  imports: [ContentModelsModule],
  providers: [ContentItemsRepository, ContentItemsService, ContentItemsResolver, ContentItemConnectionResolver],
  exports: [ContentItemsService],
})
export class ContentModule {}
