import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { GraphQLJSON } from 'graphql-scalars';
import { Tone } from './persona.types';

export const PERSONA_KEY = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

@InputType('UpsertPersonaInput')
export class UpsertPersonaInput {
  @Field({ description: 'Stable key, e.g. sportieve-sanne' })
  @Matches(PERSONA_KEY, { message: 'key must be lowercase letters and digits separated by - or _, e.g. sportieve-sanne' })
  @Length(1, 100)
  key: string;

  @Field()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  @IsOptional()
  criteria?: unknown;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  channelPreferences?: string[];

  @Field(() => Tone)
  @IsEnum(Tone)
  tone: Tone;

  @Field(() => Int, { nullable: true, description: 'When given, the update is refused with CONFLICT unless the persona is still at this version' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
