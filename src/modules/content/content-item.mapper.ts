import { ContentStatus } from './content.enums';
import { fromSnapshotMetadata, metadataOf } from './content-metadata';
import { ContentItemEntity } from './entities/content-item.entity';
import { ContentRevisionEntity } from './entities/content-revision.entity';
import { ContentItemModel, RevisionModel } from './models/content-item.model';

export function toContentItemModel(item: ContentItemEntity): ContentItemModel {
  return {
    id: item.id,
    model: item.model,
    slug: item.slug,
    locale: item.locale,
    familyId: item.familyId ?? item.id,
    fields: item.fields,
    status: item.status,
    version: item.version,
    publishedVersion: item.publishedVersion,
    hasDraft: item.draft !== null,
    metadata: metadataOf(item),
    author: item.author,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    publishedAt: item.publishedAt,
    schedule: item.publishAt || item.unpublishAt ? { publishAt: item.publishAt, unpublishAt: item.unpublishAt } : null,
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
    metadata: fromSnapshotMetadata(snapshot.metadata),
    change: revision.change,
    author: revision.author,
    createdAt: revision.createdAt,
  };
}
