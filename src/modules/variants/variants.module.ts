import { Module } from '@nestjs/common';
import { ContentModelsModule } from '../content-models/content-models.module';
import { ContentModule } from '../content/content.module';
import { ChannelVariantsRepository } from './channel-variants.repository';
import { ContentItemVariantsResolver } from './content-item-variants.resolver';
import { VariantsResolver } from './variants.resolver';
import { VariantsService } from './variants.service';

/** Hand-written channel variants: entity, repository, service, resolvers and inputs in one place. */
@Module({
  imports: [ContentModule, ContentModelsModule],
  providers: [ChannelVariantsRepository, VariantsService, VariantsResolver, ContentItemVariantsResolver],
  exports: [VariantsService],
})
export class VariantsModule {}
