import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { LOCALE } from '../content/dto/create-content-item.input';

@InputType('ExperimentInput')
export class ExperimentInput {
  @Field({ description: 'Variants sharing a key are the arms of one experiment' })
  @Matches(/^[a-z0-9][a-z0-9-_.]*$/i, { message: 'experiment.key must be letters, digits, - _ or .' })
  @Length(1, 100)
  key: string;

  @Field(() => Int, { description: 'Relative weight of this arm' })
  @IsInt()
  @Min(1)
  @Max(10000)
  weight: number;
}

@InputType('CreateVariantInput')
export class CreateVariantInput {
  @Field(() => ID)
  @IsUUID()
  itemId: string;

  @Field()
  @IsString()
  @Length(1, 50)
  channel: string;

  @Field(() => [String], { nullable: true, description: 'Personas it is written for; empty = everyone' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  personaTags?: string[];

  @Field(() => String, { nullable: true, description: "One of the item's locale; null = any" })
  @IsOptional()
  @Matches(LOCALE, { message: 'locale must be a BCP 47 tag such as nl, nl-BE or en' })
  locale?: string | null;

  @Field(() => GraphQLJSONObject, { description: "Model fields to replace for this channel, and the channel's override keys" })
  @IsObject()
  fields: Record<string, unknown>;

  @Field(() => ExperimentInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExperimentInput)
  experiment?: ExperimentInput | null;

  @Field(() => String, { nullable: true, description: 'Arm name shown in explanations, e.g. "A"' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  label?: string | null;
}

@InputType('UpdateVariantInput')
export class UpdateVariantInput {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  personaTags?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(LOCALE, { message: 'locale must be a BCP 47 tag such as nl, nl-BE or en' })
  locale?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @IsOptional()
  @IsObject()
  fields?: Record<string, unknown>;

  @Field(() => ExperimentInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExperimentInput)
  experiment?: ExperimentInput | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  label?: string | null;
}
