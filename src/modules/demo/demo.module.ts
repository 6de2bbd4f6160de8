import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module';
import { BrandsModule } from '../brands/brands.module';
import { ContentModule } from '../content/content.module';
import { VariantsModule } from '../variants/variants.module';
import { PersonasModule } from '../personas/personas.module';
import { DeliveryTokensModule } from '../delivery-tokens/delivery-tokens.module';
import { TouchpointsModule } from '../touchpoints/touchpoints.module';
import { DemoSeedService } from './demo-seed.service';
import { DemoTouchpointsService } from './demo-touchpoints.service';

@Module({
  imports: [ContentModule, PersonasModule, VariantsModule, AssetsModule, BrandsModule, DeliveryTokensModule, TouchpointsModule],
  providers: [DemoSeedService, DemoTouchpointsService],
  exports: [DemoSeedService, DemoTouchpointsService],
})
export class DemoModule {}
