import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('MissingTranslation')
export class MissingTranslationModel {
  @Field(() => ID, { description: 'The oldest item of the message; createTranslation from it' })
  itemId: string;

  @Field()
  slug: string;

  @Field(() => [String], { description: 'Asked-for locales the message has no item in' })
  missing: string[];
}
