import { Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { KpiDimension } from './kpi-query';

registerEnumType(KpiDimension, { name: 'KpiDimension', description: 'What a KPI report is grouped by; DAY and WEEK are UTC, weeks start on Monday' });

@InputType('KpiFilter')
export class KpiFilterInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  theme?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  itemId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  channel?: string | null;

  @Field(() => String, { nullable: true, description: 'Renderings that matched this persona (among others)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  persona?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  experiment?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 35)
  locale?: string | null;

  @Field(() => Date, { nullable: true, description: 'Inclusive, by the hour the event occurred; default 90 days before `to`' })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Exclusive; default the coming hour' })
  @IsOptional()
  to?: Date | null;
}

@ObjectType('KpiKey', { description: 'The grouped dimensions are set; the others are null' })
export class KpiKeyModel {
  @Field(() => String, { nullable: true })
  theme: string | null;

  @Field(() => ID, { nullable: true })
  itemId: string | null;

  @Field(() => String, { nullable: true })
  channel: string | null;

  @Field(() => String, { nullable: true, description: 'null: renderings that matched no persona' })
  persona: string | null;

  @Field(() => String, { nullable: true })
  experiment: string | null;

  @Field(() => String, { nullable: true })
  arm: string | null;

  @Field(() => String, { nullable: true })
  locale: string | null;

  @Field(() => Date, { nullable: true, description: 'Start of the UTC day' })
  day: Date | null;

  @Field(() => Date, { nullable: true, description: 'Start of the UTC week (Monday)' })
  week: Date | null;
}

@ObjectType('KpiRow', { description: 'Counts of touchpoints and rates per delivered rendering' })
export class KpiRowModel {
  @Field(() => KpiKeyModel)
  key: KpiKeyModel;

  @Field(() => Float)
  delivered: number;

  @Field(() => Float)
  opened: number;

  @Field(() => Float)
  clicked: number;

  @Field(() => Float)
  converted: number;

  @Field(() => Float)
  responded: number;

  @Field(() => Float)
  unsubscribed: number;

  @Field(() => Float)
  bounced: number;

  @Field(() => Float, { description: 'Sum of the events\' values, in the hub currency (HUB_CURRENCY)' })
  value: number;

  @Field(() => Float, { nullable: true, description: 'opened / delivered' })
  openRate: number | null;

  @Field(() => Float, { nullable: true, description: 'clicked / delivered (click-through)' })
  clickRate: number | null;

  @Field(() => Float, { nullable: true, description: 'clicked / opened' })
  clickToOpenRate: number | null;

  @Field(() => Float, { nullable: true, description: 'converted / delivered' })
  conversionRate: number | null;

  @Field(() => Float, { nullable: true, description: 'responded / delivered' })
  responseRate: number | null;

  @Field(() => Float, { nullable: true, description: 'unsubscribed / delivered' })
  unsubscribeRate: number | null;

  @Field(() => Float, { nullable: true, description: 'bounced / delivered' })
  bounceRate: number | null;
}
