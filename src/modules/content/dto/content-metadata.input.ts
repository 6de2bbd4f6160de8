import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsDate, IsEnum, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { JourneyStage, Purpose } from '../content.enums';

const KEY = /^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$/;
const KEY_MESSAGE = 'must be a key of letters, digits, - _ . or : (e.g. "sportieve-sanne")';

@InputType('ContentMetadataInput')
export class ContentMetadataInput {
  @Field(() => String, { nullable: true, description: 'The campaign theme that keeps all channels consistent' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  theme?: string | null;

  @Field(() => Purpose, { nullable: true })
  @IsOptional()
  @IsEnum(Purpose)
  purpose?: Purpose | null;

  @Field(() => [JourneyStage], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(JourneyStage, { each: true })
  journeyStages?: JourneyStage[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  tags?: string[];

  @Field(() => [String], { nullable: true, description: 'Persona keys this message targets; empty = everyone' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(KEY, { each: true, message: `each persona tag ${KEY_MESSAGE}` })
  personaTags?: string[];

  @Field(() => [String], { nullable: true, description: 'Channel keys this message may go out on; empty = all' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  channels?: string[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(-1000000)
  @Max(1000000)
  priority?: number;

  @Field(() => Date, { nullable: true, description: 'Start of the content calendar window (inclusive)' })
  @IsOptional()
  @IsDate()
  validFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of the content calendar window (exclusive)' })
  @IsOptional()
  @IsDate()
  validUntil?: Date | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Free attributes' })
  @IsOptional()
  @IsObject()
  attributes?: Record<string, unknown>;
}
