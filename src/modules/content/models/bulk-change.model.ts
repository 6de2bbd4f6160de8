import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsUUID, Min } from 'class-validator';
import { ContentItemModel } from './content-item.model';

@InputType('ItemVersionInput', { description: 'An item and the version the change was decided on' })
export class ItemVersionInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version: number;
}

@ObjectType('BulkItemError')
export class BulkItemErrorModel {
  @Field({ description: 'NOT_FOUND, CONFLICT (stale version) or BAD_USER_INPUT (wrong status)' })
  code: string;

  @Field()
  message: string;
}

@ObjectType('BulkItemResult')
export class BulkItemResultModel {
  @Field(() => ID)
  id: string;

  @Field(() => ContentItemModel, { nullable: true, description: 'The item as changed; null when the batch was not applied' })
  item: ContentItemModel | null;

  @Field(() => BulkItemErrorModel, { nullable: true, description: 'Why this item stopped the batch' })
  error: BulkItemErrorModel | null;
}

@ObjectType('BulkChange', { description: 'All items changed, or none: then each item that stopped the batch says why' })
export class BulkChangeModel {
  @Field()
  applied: boolean;

  @Field(() => [BulkItemResultModel], { description: 'In the order of the request' })
  items: BulkItemResultModel[];
}
