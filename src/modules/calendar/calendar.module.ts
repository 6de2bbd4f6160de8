import { Module } from '@nestjs/common';
import { ContentModule } from '../content/content.module';
import { PersonasModule } from '../personas/personas.module';
import { CalendarResolver } from './calendar.resolver';
import { CalendarService } from './calendar.service';

/** The content calendar query. */
@Module({
  imports: [ContentModule, PersonasModule],
  providers: [CalendarService, CalendarResolver],
})
export class CalendarModule {}
