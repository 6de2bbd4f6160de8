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
import { BrandsModule } from '../brands/brands.module';
import { DeliveryTokensModule } from '../delivery-tokens/delivery-tokens.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { TouchpointsModule } from '../touchpoints/touchpoints.module';
import { CustomerProfiles } from './customer-profiles.service';

/** Channel apps' side of the hub: channels, hand-written variants, personalize and renderAll. */
@Module({
  imports: [ContentModule, ContentModelsModule, PersonasModule, AssetsModule, VariantsModule, DeliveryTokensModule, ExperimentsModule, TouchpointsModule, BrandsModule],
  providers: [DeliveryCatalog, CustomerProfiles, RenderingService, PersonalizeService, PersonalizeResolver, { provide: IMAGE_SOURCE, useExisting: AssetsService }],
  exports: [PersonalizeService],
})
export class DeliveryModule {}
