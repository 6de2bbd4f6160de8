import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module';
import { ContentModule } from '../content/content.module';
import { VariantsModule } from '../variants/variants.module';
import { PersonasModule } from '../personas/personas.module';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [ContentModule, PersonasModule, VariantsModule, AssetsModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoModule {}
