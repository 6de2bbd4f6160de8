import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsDate, IsEnum, IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { JourneyStage } from '../../content/content.enums';
import { WITHOUT_NUL } from '../../../common/json/holds-nul';
import { LOCALE } from '../../content/dto/create-content-item.input';

@InputType('CustomerContextInput', { description: 'What the channel app knows about the customer at request time' })
export class CustomerContextInput {
  @Field(() => String, { nullable: true, description: 'Stable id: the same customer always gets the same experiment arm' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(WITHOUT_NUL, { message: 'customerId may not contain the NUL character (\\u0000)' })
  customerId?: string;

  @Field(() => [String], { nullable: true, description: 'Persona keys the app asserts' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  personas?: string[];

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Evaluated against persona criteria; available to tokens as customer.*' })
  @IsOptional()
  @IsObject()
  attributes?: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: 'BCP 47, e.g. nl-BE; falls back to nl, then the hub default' })
  @IsOptional()
  @Matches(LOCALE, { message: 'locale must be a BCP 47 tag such as nl, nl-BE or en' })
  locale?: string;

  @Field(() => [String], { nullable: true, description: 'Channels the customer allows; nothing goes out on any other' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  consents?: string[];

  @Field(() => JourneyStage, { nullable: true })
  @IsOptional()
  @IsEnum(JourneyStage)
  journeyStage?: JourneyStage;

  @Field(() => Date, { nullable: true, description: 'The moment to personalise for; defaults to the server clock' })
  @IsOptional()
  @IsDate()
  now?: Date;

  @Field(() => Boolean, { nullable: true, description: 'Skip themes this customer already RESPONDED to or CONVERTED on (needs customerId), so a follow-up never asks again' })
  @IsOptional()
  @IsBoolean()
  excludeAnsweredThemes?: boolean;
}
