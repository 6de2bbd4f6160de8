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
}
