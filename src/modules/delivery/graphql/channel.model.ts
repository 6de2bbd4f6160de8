import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('ChannelConstraint')
export class ChannelConstraintModel {
  @Field()
  name: string;

  @Field(() => Float, { nullable: true })
  limit: number | null;

  @Field()
  description: string;
}

@ObjectType('ChannelPart', { description: 'A named part of a rendering, as a field of the channel\'s variant type' })
export class ChannelPartModel {
  @Field()
  name: string;

  @Field({ description: 'String, Int, Float, Boolean or JSON' })
  type: string;

  @Field()
  nullable: boolean;

  @Field(() => String, { nullable: true })
  description: string | null;
}

@ObjectType('ChannelSetting', { description: 'A number the operator sets through the environment' })
export class ChannelSettingModel {
  @Field()
  name: string;

  @Field({ description: 'The environment variable, e.g. HUB_INAPP_TITLE_LIMIT' })
  env: string;

  @Field(() => Float, { description: 'The value in force on this hub' })
  value: number;

  @Field(() => Float)
  min: number;

  @Field(() => Float)
  max: number;

  @Field()
  description: string;
}

@ObjectType('Channel')
export class ChannelModel {
  @Field()
  key: string;

  @Field()
  description: string;

  @Field(() => [ChannelConstraintModel])
  constraints: ChannelConstraintModel[];

  @Field(() => [String], { description: 'Keys a hand-written variant may set for this channel only' })
  overrideKeys: string[];

  @Field(() => String, { nullable: true, description: 'The GraphQL type of its renderings; null: GenericVariant with JSON parts' })
  graphqlType: string | null;

  @Field(() => [ChannelPartModel], { description: 'The parts of a rendering clients may ask for' })
  parts: ChannelPartModel[];

  @Field(() => [String], { description: 'Image rendition profiles the channel uses (GET /assets/{id}/{profile})' })
  renditions: string[];

  @Field(() => [ChannelSettingModel], { description: 'Settings the operator may change, with their environment variables' })
  settings: ChannelSettingModel[];
}
