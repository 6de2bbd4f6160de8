import { ContentStatus } from './content.enums';
import { metadataOf } from './content-items.service';
import { ContentItemEntity } from './entities/content-item.entity';
import { ContentRevisionEntity } from './entities/content-revision.entity';
import { ContentItemModel, RevisionModel } from './models/content-item.model';

export function toContentItemModel(item: ContentItemEntity): ContentItemModel {
  return {
    id: item.id,
    model: item.model,
    slug: item.slug,
    locale: item.locale,
    fields: item.fields,
    status: item.status,
    version: item.version,
    metadata: metadataOf(item),
    author: item.author,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    publishedAt: item.publishedAt,
  };
}

export function toRevisionModel(revision: ContentRevisionEntity): RevisionModel {
  const { snapshot } = revision;
  return {
    itemId: revision.itemId,
    revision: revision.revision,
    status: snapshot.status as ContentStatus,
    slug: snapshot.slug,
    locale: snapshot.locale,
    fields: snapshot.fields,
    metadata: {
      ...snapshot.metadata,
      purpose: snapshot.metadata.purpose as RevisionModel['metadata']['purpose'],
      journeyStages: snapshot.metadata.journeyStages as RevisionModel['metadata']['journeyStages'],
      validFrom: snapshot.metadata.validFrom ? new Date(snapshot.metadata.validFrom) : null,
      validUntil: snapshot.metadata.validUntil ? new Date(snapshot.metadata.validUntil) : null,
    },
    change: revision.change,
    author: revision.author,
    createdAt: revision.createdAt,
  };
}
