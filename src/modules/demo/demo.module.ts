import { Module } from '@nestjs/common';
import { ContentModule } from '../content/content.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { PersonasModule } from '../personas/personas.module';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [ContentModule, PersonasModule, DeliveryModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoModule {}
