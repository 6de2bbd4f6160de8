import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

@ObjectType('VariantExperiment', { description: 'The experiment a variant is an arm of; its results are in Query.experiment' })
export class VariantExperimentModel {
  @Field()
  key: string;

  @Field(() => Int, { description: 'Relative weight of this arm among the variants sharing the key' })
  weight: number;
}

@ObjectType('ChannelVariant', { description: "An editor's hand-written version of an item for one channel" })
export class ChannelVariantModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  itemId: string;

  @Field()
  channel: string;

  @Field(() => [String], { description: 'Personas it is written for; empty = everyone' })
  personaTags: string[];

  @Field(() => String, { nullable: true, description: 'Locale it is written in; null = any locale of the item' })
  locale: string | null;

  @Field(() => GraphQLJSONObject, { description: "Merged over the item's fields for this channel; may hold channel-only keys (see channels.overrideKeys)" })
  fields: Record<string, unknown>;

  @Field(() => VariantExperimentModel, { nullable: true })
  experiment: VariantExperimentModel | null;

  @Field(() => String, { nullable: true, description: 'Name of the experiment arm, e.g. "A"' })
  label: string | null;

  @Field(() => Int)
  version: number;

  @Field({ description: "False while it waits for its published item's draft to be published" })
  live: boolean;

  @Field({ description: "A change (or deletion) waits for the item's draft to be published; the fields shown are the waiting ones" })
  hasPendingChange: boolean;

  @Field()
  author: string;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}
