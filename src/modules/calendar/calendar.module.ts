import { Module } from '@nestjs/common';
import { CampaignRunsModule } from '../campaign-runs/campaign-runs.module';
import { ContentModule } from '../content/content.module';
import { PersonasModule } from '../personas/personas.module';
import { CalendarResolver } from './calendar.resolver';
import { CalendarService } from './calendar.service';

/** The content calendar query. */
@Module({
  imports: [ContentModule, PersonasModule, CampaignRunsModule],
  providers: [CalendarService, CalendarResolver],
})
export class CalendarModule {}
