import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ContentProblem')
export class ContentProblemModel {
  @Field({ description: 'Where, e.g. fields.body or metadata.personaTags' })
  path: string;

  @Field()
  message: string;
}

@ObjectType('ContentHealth', { description: 'A stored item that would not pass the checks it would get if saved today' })
export class ContentHealthModel {
  @Field(() => ID)
  itemId: string;

  @Field(() => Int)
  version: number;

  @Field()
  slug: string;

  @Field()
  locale: string;

  @Field(() => [ContentProblemModel])
  problems: ContentProblemModel[];
}
