import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { SortColumn } from '../content-order';

export enum ContentItemsSortKey {
  UPDATED_AT = 'UPDATED_AT',
  CREATED_AT = 'CREATED_AT',
  SLUG = 'SLUG',
  PRIORITY = 'PRIORITY',
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(ContentItemsSortKey, { name: 'ContentItemsSortKey', description: 'What a page of items is ordered by; ties go by id' });
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType('ContentItemsSort', { description: 'Order of a page; a cursor only continues the order it came from' })
export class ContentItemsSort {
  @Field(() => ContentItemsSortKey, { defaultValue: ContentItemsSortKey.UPDATED_AT })
  @IsEnum(ContentItemsSortKey)
  by: SortColumn = ContentItemsSortKey.UPDATED_AT;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.DESC;
}
