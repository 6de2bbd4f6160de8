import { Args, Query, Resolver } from '@nestjs/graphql';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { CalendarDay } from './calendar-plan';
import { CalendarDayModel, CalendarFilterInput } from './calendar.graphql';
import { CalendarService, MAX_CALENDAR_DAYS } from './calendar.service';

@Resolver()
export class CalendarResolver {
  constructor(private readonly service: CalendarService) {}

  @Query(() => [CalendarDayModel], { description: `Per UTC day in [from, to) (at most ${MAX_CALENDAR_DAYS} days): what is live or scheduled on which channel for which personas, with conflicts` })
  @Roles(Role.PREVIEW)
  calendar(
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('filter', { type: () => CalendarFilterInput, nullable: true }) filter?: CalendarFilterInput | null,
  ): Promise<CalendarDay[]> {
    return this.service.calendar(from, to, filter ?? {});
  }
}
