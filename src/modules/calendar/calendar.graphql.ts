import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { LOCALE } from '../content/dto/create-content-item.input';

@InputType('CalendarFilterInput')
export class CalendarFilterInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  theme?: string | null;

  @Field(() => String, { nullable: true, description: 'Messages that can go out on this channel (items naming no channels included)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  channel?: string | null;

  @Field(() => String, { nullable: true, description: 'Messages for this persona (items for every customer included)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  persona?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(LOCALE, { message: 'locale must be a BCP 47 tag such as nl, nl-BE or en' })
  locale?: string | null;
}

@ObjectType('CalendarEntry', { description: 'A message live (or scheduled to be) on the day' })
export class CalendarEntryModel {
  @Field()
  itemId: string;

  @Field()
  slug: string;

  @Field(() => String, { nullable: true })
  theme: string | null;

  @Field()
  locale: string;

  @Field(() => [String], { description: 'The channels it goes out on (every channel when the item names none)' })
  channels: string[];

  @Field(() => [String], { description: 'Empty: every customer' })
  personaTags: string[];

  @Field({ description: 'The item status now' })
  status: string;

  @Field(() => Int)
  priority: number;

  @Field({ description: 'On the calendar because of a scheduled publish still to come' })
  scheduled: boolean;
}

@ObjectType('CalendarConflict')
export class CalendarConflictModel {
  @Field()
  day: string;

  @Field()
  reason: string;

  @Field(() => [String])
  itemIds: string[];
}

@ObjectType('CalendarRun', { description: 'A campaign run, on the day of the moment it selects for' })
export class CalendarRunModel {
  @Field()
  runId: string;

  @Field()
  name: string;

  @Field()
  channel: string;

  @Field()
  state: string;

  @Field(() => String, { nullable: true })
  itemId: string | null;

  @Field(() => Int)
  total: number;

  @Field(() => Date)
  runAt: Date;
}

@ObjectType('CalendarDay')
export class CalendarDayModel {
  @Field({ description: 'The UTC date, YYYY-MM-DD' })
  day: string;

  @Field(() => [CalendarEntryModel])
  entries: CalendarEntryModel[];

  @Field(() => [CalendarRunModel], { description: 'Campaign runs (not cancelled) of the day' })
  runs: CalendarRunModel[];

  @Field(() => [CalendarConflictModel], { description: 'Messages competing for one persona, channel and locale with equal priority; preferred channels a theme leaves empty' })
  conflicts: CalendarConflictModel[];
}
