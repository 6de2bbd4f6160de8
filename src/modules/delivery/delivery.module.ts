import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module';
import { AssetsService } from '../assets/assets.service';
import { ContentModelsModule } from '../content-models/content-models.module';
import { ContentModule } from '../content/content.module';
import { PersonasModule } from '../personas/personas.module';
import { VariantsModule } from '../variants/variants.module';
import { DeliveryCatalog } from './delivery-catalog.service';
import { PersonalizeResolver } from './personalize.resolver';
import { PersonalizeService } from './personalize.service';
import { IMAGE_SOURCE } from './image-source';
import { RenderingService } from './rendering.service';
import { DeliveryTokensModule } from '../delivery-tokens/delivery-tokens.module';

/** Channel apps' side of the hub: channels, hand-written variants, personalize and renderAll. */
@Module({
  imports: [ContentModule, ContentModelsModule, PersonasModule, AssetsModule, VariantsModule, DeliveryTokensModule],
  providers: [DeliveryCatalog, RenderingService, PersonalizeService, PersonalizeResolver, { provide: IMAGE_SOURCE, useExisting: AssetsService }],
})
export class DeliveryModule {}
