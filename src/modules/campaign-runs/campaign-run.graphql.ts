import { Field, ID, InputType, Int, ObjectType, registerEnumType, Float } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDate, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { CustomerContextInput } from '../delivery/graphql/customer-context.input';
import { ContentSelectorInput } from '../delivery/graphql/personalize.input';
import { CampaignRunState } from './campaign-run-record';

registerEnumType(CampaignRunState, { name: 'CampaignRunState' });

@InputType('CreateCampaignRunInput')
export class CreateCampaignRunInput {
  @Field()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field(() => ID, { nullable: true, description: 'The message to send; or give a selector' })
  @IsOptional()
  @IsUUID()
  itemId?: string | null;

  @Field(() => ContentSelectorInput, { nullable: true, description: 'Each customer gets the best message the selector picks for them' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContentSelectorInput)
  selector?: ContentSelectorInput | null;

  @Field()
  @IsString()
  @Length(1, 100)
  channel: string;

  @Field(() => [CustomerContextInput], { nullable: true, description: 'A small audience inline (HUB_CAMPAIGN_MAX_INLINE): the run starts at once. Larger: POST NDJSON to /campaign-runs/{id}/audience, then startCampaignRun' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100_000)
  audience?: CustomerContextInput[] | null;

  @Field(() => Date, { nullable: true, description: 'The moment the run selects for (validity windows, schedules); default: when it is created' })
  @IsOptional()
  @IsDate()
  now?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Render the item even as a draft (a proof run)' })
  @IsOptional()
  @IsBoolean()
  preview?: boolean | null;
}

@ObjectType('SkippedReason')
export class SkippedReasonModel {
  @Field()
  reason: string;

  @Field(() => Int)
  count: number;
}

@ObjectType('CampaignSkip', { description: 'An audience line that was not rendered' })
export class CampaignSkipModel {
  @Field(() => Int)
  line: number;

  @Field()
  reason: string;

  @Field()
  message: string;
}

@ObjectType('CampaignRun')
export class CampaignRunModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => CampaignRunState)
  state: CampaignRunState;

  @Field(() => String, { nullable: true })
  itemId: string | null;

  @Field()
  channel: string;

  @Field(() => Date, { description: 'The moment selection is made for' })
  now: Date;

  @Field(() => Int, { description: 'Customers in the audience' })
  total: number;

  @Field(() => Int, { description: 'Customers rendered' })
  done: number;

  @Field(() => Int, { description: 'Lines not rendered because of the line: invalid context, no consent, no matching message' })
  skipped: number;

  @Field(() => Int, { description: 'Lines not rendered because of a fault of the hub' })
  failed: number;

  @Field(() => [SkippedReasonModel])
  skippedReasons: SkippedReasonModel[];

  @Field(() => Float, { description: 'Customers handled per second since the run started' })
  ratePerSecond: number;

  @Field(() => Int, { nullable: true, description: 'Seconds left at that rate; null before the first chunk or when done' })
  etaSeconds: number | null;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Field({ description: 'NDJSON of every rendered customer so far (DELIVERY key or above)' })
  outputUrl: string;
}
