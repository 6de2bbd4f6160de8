import { JourneyStage, Purpose } from './content.enums';
import { ContentItemEntity } from './entities/content-item.entity';
import { RevisionSnapshot } from './entities/content-revision.entity';

/** Everything about a message that is not its text: what keeps channels consistent and drives selection. */
export interface ContentMetadata {
  theme: string | null;
  purpose: Purpose | null;
  journeyStages: JourneyStage[];
  tags: string[];
  personaTags: string[];
  channels: string[];
  priority: number;
  validFrom: Date | null;
  validUntil: Date | null;
  attributes: Record<string, unknown>;
}

export function metadataOf(item: ContentItemEntity): ContentMetadata {
  return {
    theme: item.theme,
    purpose: item.purpose,
    journeyStages: item.journeyStages,
    tags: item.tags,
    personaTags: item.personaTags,
    channels: item.channels,
    priority: item.priority,
    validFrom: item.validFrom,
    validUntil: item.validUntil,
    attributes: item.attributes,
  };
}

/** The item as an editor works on it: a published item's pending draft laid over its live state. */
export function workingCopy(item: ContentItemEntity): ContentItemEntity {
  if (!item.draft) return item;
  return { ...item, slug: item.draft.slug, fields: item.draft.fields, ...fromSnapshotMetadata(item.draft.metadata) };
}

/** The item as customers receive it: the live state at its published version, without the draft. */
export function liveCopy(item: ContentItemEntity): ContentItemEntity {
  return item.draft || (item.publishedVersion !== null && item.publishedVersion !== item.version) ? { ...item, draft: null, version: item.publishedVersion ?? item.version } : item;
}

/** Snapshots are JSON: dates are ISO strings there. */
export function toSnapshotMetadata(metadata: ContentMetadata): RevisionSnapshot['metadata'] {
  return { ...metadata, validFrom: metadata.validFrom?.toISOString() ?? null, validUntil: metadata.validUntil?.toISOString() ?? null };
}

export function fromSnapshotMetadata(metadata: RevisionSnapshot['metadata']): ContentMetadata {
  return {
    ...metadata,
    purpose: metadata.purpose as Purpose | null,
    journeyStages: metadata.journeyStages as JourneyStage[],
    validFrom: metadata.validFrom ? new Date(metadata.validFrom) : null,
    validUntil: metadata.validUntil ? new Date(metadata.validUntil) : null,
  };
}
