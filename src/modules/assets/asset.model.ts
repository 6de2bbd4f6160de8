import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { assetRenditionsType } from './asset-renditions.type';

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

  @Field(() => assetRenditionsType(), { description: 'URLs of the channel renditions (served without a key)' })
  renditions: Record<string, string>;

  @Field()
  createdAt: Date;
}
