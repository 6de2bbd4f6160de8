import { Module } from '@nestjs/common';
import { ContentModelsModule } from '../content-models/content-models.module';
import { ChannelVariantsRepository } from './channel-variants.repository';
import { ContentItemsRepository } from './content-items.repository';
import { ContentItemConnectionResolver, ContentItemsResolver } from './content-items.resolver';
import { ContentItemFieldsResolver } from './content-item-fields.resolver';
import { ContentItemsService } from './content-items.service';

@Module({
  imports: [ContentModelsModule],
  providers: [ContentItemsRepository, ChannelVariantsRepository, ContentItemsService, ContentItemsResolver, ContentItemConnectionResolver, ContentItemFieldsResolver],
  exports: [ContentItemsRepository, ChannelVariantsRepository, ContentItemsService],
})
export class ContentModule {}
