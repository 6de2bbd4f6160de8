import { Field, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';

@ObjectType('ContentModelField')
export class ContentModelFieldModel {
  @Field()
  key: string;

  @Field({ description: 'text, markdown, number, boolean, date, enum, image, reference, link or list' })
  type: string;

  @Field(() => String, { nullable: true })
  label?: string;

  @Field()
  required: boolean;

  @Field()
  localized: boolean;

  @Field(() => Int, { nullable: true })
  minLength?: number;

  @Field(() => Int, { nullable: true })
  maxLength?: number;

  @Field(() => String, { nullable: true })
  pattern?: string;

  @Field(() => [String], { nullable: true })
  values?: string[];

  @Field(() => GraphQLJSON, { nullable: true, description: 'For lists: the element definition' })
  items?: unknown;
}

@ObjectType('ContentModel')
export class ContentModelModel {
  @Field()
  key: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => [ContentModelFieldModel])
  fields: ContentModelFieldModel[];

  @Field(() => GraphQLJSON, { description: 'Message role → field key' })
  roles: Record<string, string>;
}
