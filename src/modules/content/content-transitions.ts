import { BadUserInputError } from '../../common/errors/domain-errors';
import type { Principal } from '../auth/principal';
import { workingCopy } from './content-metadata';
import { ContentStatus } from './content.enums';
import { ContentItemEntity } from './entities/content-item.entity';

export type Transition = 'publish' | 'unpublish' | 'archive';

/** Which status changes each workflow mutation allows. */
const TRANSITIONS: Record<Transition, { from: ContentStatus[]; to: ContentStatus }> = {
  publish: { from: [ContentStatus.DRAFT, ContentStatus.ARCHIVED], to: ContentStatus.PUBLISHED },
  unpublish: { from: [ContentStatus.PUBLISHED], to: ContentStatus.DRAFT },
  archive: { from: [ContentStatus.DRAFT, ContentStatus.PUBLISHED], to: ContentStatus.ARCHIVED },
};

/** Whether `action` may happen to the item now: from its status, or publishing a live item's pending draft. */
export function canTransition(item: ContentItemEntity, action: Transition): boolean {
  return TRANSITIONS[action].from.includes(item.status) || (action === 'publish' && item.status === ContentStatus.PUBLISHED && item.draft !== null);
}

/**
 * A status change, by an editor or the scheduler. A pending draft goes with it (published, or kept
 * as the item's content when it leaves PUBLISHED), never lost; a schedule the change makes moot
 * (a publish done by hand, an unpublish, an archive) is cleared.
 */
export function applyTransition(item: ContentItemEntity, action: Transition, principal: Principal): void {
  const { from, to } = TRANSITIONS[action];
  if (!canTransition(item, action)) {
    throw new BadUserInputError(`Cannot ${action} an item that is ${item.status.toLowerCase()}${item.status === ContentStatus.PUBLISHED ? ' and has no draft' : ''}; allowed from ${from.join(' or ')}`, 'id');
  }
  Object.assign(item, workingCopy(item), { draft: null });
  item.status = to;
  // The repository numbers the change: the version it writes is this one plus one.
  item.publishedVersion = to === ContentStatus.PUBLISHED ? item.version + 1 : null;
  if (to === ContentStatus.PUBLISHED) item.publishedAt = new Date();
  if (action === 'publish') item.publishAt = null;
  if (action === 'unpublish') item.unpublishAt = null;
  if (action === 'archive') Object.assign(item, { publishAt: null, unpublishAt: null });
  touch(item, principal);
}

export function touch(item: ContentItemEntity, principal: Principal): void {
  item.updatedAt = new Date();
  item.author = principal.name;
}
