import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('PersonaMatch')
export class PersonaMatchModel {
  @Field()
  persona: string;

  @Field({ description: '"named in context" or the criteria that held, e.g. "age ≥ 25, interests contains running"' })
  via: string;
}

@ObjectType('Explanation', { description: 'Why personalisation chose this message, variant, channel and locale' })
export class ExplanationModel {
  @Field(() => [String], { description: 'Personas that applied' })
  personas: string[];

  @Field(() => [PersonaMatchModel])
  personaMatches: PersonaMatchModel[];

  @Field({ description: 'Locale of the content used' })
  locale: string;

  @Field(() => String, { nullable: true, description: 'The fallback walked when the requested locale had no content, e.g. "nl-BE → nl"' })
  localeFallback: string | null;

  @Field(() => String, { nullable: true })
  experiment: string | null;

  @Field(() => String, { nullable: true })
  arm: string | null;

  @Field({ description: 'The experiment was concluded: arm is its winner, served to every customer' })
  experimentConcluded: boolean;

  @Field(() => String, { nullable: true, description: 'How the channel was chosen' })
  channelReason: string | null;

  @Field(() => Float, { nullable: true })
  winnerScore: number | null;

  @Field(() => Float, { nullable: true })
  runnerUpScore: number | null;

  @Field({ description: 'Why the winner beat the runner-up, in plain words' })
  reason: string;
}
