import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Tone } from './persona.types';

registerEnumType(Tone, { name: 'Tone', description: 'Drives salutations: "Geachte heer De Vries" (FORMAL) versus "Hoi Sanne" (INFORMAL)' });

@ObjectType('Persona')
export class PersonaModel {
  @Field()
  key: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Rule over customer attributes: all/any/not, eq, in, gte/lte, contains, exists' })
  criteria: unknown;

  @Field(() => [String], { description: 'Channel keys, primary channel first' })
  channelPreferences: string[];

  @Field(() => Tone)
  tone: Tone;

  @Field(() => Int)
  version: number;

  @Field()
  updatedAt: Date;
}
