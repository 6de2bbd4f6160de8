import { Module } from '@nestjs/common';
import { ContentModelsModule } from '../content-models/content-models.module';
import { PersonasModule } from '../personas/personas.module';
import { ContentChecks } from './content-checks.service';
import { ContentItemsRepository } from './content-items.repository';
import { ContentItemConnectionResolver, ContentItemsResolver } from './content-items.resolver';
import { ContentItemsService } from './content-items.service';
import { ContentScheduleResolver } from './content-schedule.resolver';
import { ContentScheduleService } from './content-schedule.service';
import { PublishedItems } from './published-items';

@Module({
  imports: [ContentModelsModule, PersonasModule],
  providers: [ContentItemsRepository, ContentChecks, PublishedItems, ContentItemsService, ContentItemsResolver, ContentItemConnectionResolver, ContentScheduleService, ContentScheduleResolver],
  exports: [ContentItemsService],
})
export class ContentModule {}
