import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { PageInfoModel } from '../../../common/pagination/page-info.model';
import { ContentStatus, JourneyStage, Purpose } from '../content.enums';
import './content-enums.graphql';

@ObjectType('ContentSchedule', { description: 'Transitions the scheduler will make; each is recorded as a revision by "scheduler"' })
export class ContentScheduleModel {
  @Field(() => Date, { nullable: true, description: 'When the item (or its draft, if it is live already) is published' })
  publishAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the item is unpublished' })
  unpublishAt: Date | null;
}

@ObjectType('ContentMetadata')
export class ContentMetadataModel {
  @Field(() => String, { nullable: true })
  theme: string | null;

  @Field(() => Purpose, { nullable: true })
  purpose: Purpose | null;

  @Field(() => [JourneyStage])
  journeyStages: JourneyStage[];

  @Field(() => [String])
  tags: string[];

  @Field(() => [String])
  personaTags: string[];

  @Field(() => [String])
  channels: string[];

  @Field(() => Int)
  priority: number;

  @Field(() => Date, { nullable: true })
  validFrom: Date | null;

  @Field(() => Date, { nullable: true })
  validUntil: Date | null;

  @Field(() => GraphQLJSONObject)
  attributes: Record<string, unknown>;
}

@ObjectType('ContentItem')
export class ContentItemModel {
  @Field(() => ID)
  id: string;

  @Field()
  model: string;

  @Field()
  slug: string;

  @Field()
  locale: string;

  @Field(() => ID, { description: 'The translation family: items with the same familyId are one message in several locales' })
  familyId: string;

  @Field(() => GraphQLJSONObject)
  fields: Record<string, unknown>;

  @Field(() => ContentStatus, { description: 'The live state: a PUBLISHED item with a draft still serves its publishedVersion' })
  status: ContentStatus;

  @Field(() => Int, { description: 'The latest saved version (a draft’s, when there is one). Quote it in every mutation: a stale version is refused with CONFLICT' })
  version: number;

  @Field(() => Int, { nullable: true, description: 'The version customers receive; null until first published (and after unpublishing or archiving)' })
  publishedVersion: number | null;

  @Field({ description: 'A published item has changes waiting: read them with contentItem(id, draft: true), make them live with publishContentItem, drop them with discardDraft' })
  hasDraft: boolean;

  @Field(() => ContentMetadataModel)
  metadata: ContentMetadataModel;

  @Field()
  author: string;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  publishedAt: Date | null;

  @Field(() => ContentScheduleModel, { nullable: true, description: 'null: nothing scheduled (scheduleContentItem sets it)' })
  schedule: ContentScheduleModel | null;
}

@ObjectType('ContentItemEdge')
export class ContentItemEdgeModel {
  @Field()
  cursor: string;

  @Field(() => ContentItemModel)
  node: ContentItemModel;
}

@ObjectType('ContentItemConnection')
export class ContentItemConnectionModel {
  @Field(() => [ContentItemEdgeModel])
  edges: ContentItemEdgeModel[];

  @Field(() => PageInfoModel)
  pageInfo: PageInfoModel;

  /** Resolved by ContentItemConnectionResolver, only when asked for. */
  countAll: () => Promise<number>;
}

@ObjectType('Revision')
export class RevisionModel {
  @Field(() => ID)
  itemId: string;

  @Field(() => Int, { description: 'The item version this snapshot had' })
  revision: number;

  @Field(() => ContentStatus)
  status: ContentStatus;

  @Field()
  slug: string;

  @Field()
  locale: string;

  @Field(() => GraphQLJSONObject)
  fields: Record<string, unknown>;

  @Field(() => ContentMetadataModel)
  metadata: ContentMetadataModel;

  @Field({ description: 'What produced it: create, update, publish, unpublish, archive, restore of revision N' })
  change: string;

  @Field()
  author: string;

  @Field()
  createdAt: Date;
}
