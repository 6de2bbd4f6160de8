import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

@ObjectType('AssetRenditions', { description: 'URLs of the channel renditions (served without a key)' })
export class AssetRenditionsModel {
  @Field()
  original: string;

  @Field()
  email: string;

  @Field()
  tweet: string;

  @Field({ description: 'The same as inApp2x' })
  inApp: string;

  @Field()
  inApp1x: string;

  @Field()
  inApp2x: string;

  @Field()
  inApp3x: string;

  @Field()
  letter: string;
}

@ObjectType('Asset')
export class AssetModel {
  @Field(() => ID)
  id: string;

  @Field()
  originalFilename: string;

  @Field()
  mediaType: string;

  @Field(() => Int)
  bytes: number;

  @Field(() => Int)
  width: number;

  @Field(() => Int)
  height: number;

  @Field({ description: 'SHA-256 of the bytes' })
  hash: string;

  @Field(() => GraphQLJSONObject, { description: 'Locale → alt text' })
  alt: Record<string, string>;

  @Field(() => Number, { nullable: true })
  focalX: number | null;

  @Field(() => Number, { nullable: true })
  focalY: number | null;

  @Field(() => [String])
  tags: string[];

  @Field(() => AssetRenditionsModel)
  renditions: AssetRenditionsModel;

  @Field()
  createdAt: Date;
}
