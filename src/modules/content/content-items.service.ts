import { mergePatch } from '../../common/json/merge-patch';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BadUserInputError, DomainError, ForbiddenError, NotFoundError, StaleVersionError } from '../../common/errors/domain-errors';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor';
import { DEFAULT_ORDER } from './content-order';
import { canReadDrafts, Principal } from '../auth/principal';
import { FieldViolation } from '../content-models/validate-fields';
import { ContentChecks } from './content-checks.service';
import { DRAFT_PARTS, DraftParts } from './content-ports';
import { ContentModelsService } from '../content-models/content-models.service';
import { ContentMetadata, fromSnapshotMetadata, liveCopy, metadataOf, toSnapshotMetadata, workingCopy } from './content-metadata';
import { ContentItemsQuery, ContentItemsRepository, FieldFilter } from './content-items.repository';
import { ContentStatus } from './content.enums';
import { applyTransition, touch, Transition } from './content-transitions';
import { ContentItemsFilter } from './dto/content-items.filter';
import { ContentMetadataInput } from './dto/content-metadata.input';
import { CreateContentItemInput } from './dto/create-content-item.input';
import { UpdateContentItemInput } from './dto/update-content-item.input';
import { ContentItemEntity } from './entities/content-item.entity';
import { PublishedItems } from './published-items';
import { ContentRevisionEntity } from './entities/content-revision.entity';
import { isUuid } from '../../common/ids/uuid';
import { checkPageSize } from '../../common/pagination/page-size';
import { validateElement } from '../../common/pipes/validation.pipe';

export const MAX_PAGE_SIZE = 100;
const HEALTH_PAGE = 500;
const MAX_FAMILIES = 5_000;



/** Items one bulk call may change. */
export const MAX_BULK = 500;

/** A bulk change: applied to all, or to none with each item's problem. */
export interface BulkOutcome {
  applied: boolean;
  items: { id: string; item: ContentItemEntity | null; error: DomainError | null }[];
}

export interface ContentItemsPageResult {
  edges: { cursor: string; node: ContentItemEntity }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counting a large match is the slowest part of a page, so it runs only when a client asks for totalCount. */
  countAll: () => Promise<number>;
}

@Injectable()
export class ContentItemsService {
  constructor(
    private readonly repository: ContentItemsRepository,
    private readonly contentModels: ContentModelsService,
    private readonly checks: ContentChecks,
    private readonly published: PublishedItems,
    @Inject(DRAFT_PARTS) private readonly draftParts: DraftParts,
  ) {}

  /**
   * DELIVERY keys see only what is live now, at its published version; anything else is NOT_FOUND
   * to them, so drafts and schedules do not leak by id. `draft: true` (PREVIEW and above) reads a
   * published item's pending draft instead of its live state.
   */
  async get(id: string, principal: Principal, draft = false): Promise<ContentItemEntity> {
    if (draft && !canReadDrafts(principal)) throw new ForbiddenError('Reading drafts needs a PREVIEW, EDITOR or ADMIN key');
    if (!isUuid(id)) throw new BadUserInputError('id is not a content item id (a UUID)', 'id');
    if (!canReadDrafts(principal)) {
      // Channel apps read the same items over and over: from memory, as customers receive them.
      const live = await this.published.get(id);
      if (!live || !isLive(live, new Date())) throw new NotFoundError(`No content item with id ${id}`);
      return live;
    }
    const item = await this.repository.findById(id);
    if (!item) throw new NotFoundError(`No content item with id ${id}`);
    return draft ? workingCopy(item) : item;
  }

  async list(filter: ContentItemsFilter & { fieldFilters?: FieldFilter[] } = {}, first = 20, after: string | undefined, principal: Principal, order = DEFAULT_ORDER): Promise<ContentItemsPageResult> {
    checkPageSize(first, MAX_PAGE_SIZE);
    const position = after ? decodeCursor(after, order.name) : null;
    const query: ContentItemsQuery = { ...filter };
    if (!canReadDrafts(principal)) {
      if (filter.status && filter.status !== ContentStatus.PUBLISHED) {
        throw new BadUserInputError('A DELIVERY key can only list published items', 'filter.status');
      }
      query.status = ContentStatus.PUBLISHED;
      query.liveAt = new Date();
    }
    const page = await this.repository.page(query, first, order, position);
    const edges = page.items.map((node) => ({ cursor: encodeCursor({ order: order.name, value: order.valueOf(node), id: node.id }), node: canReadDrafts(principal) ? node : liveCopy(node) }));
    return { edges, countAll: () => this.repository.count(query), pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  async create(input: CreateContentItemInput, principal: Principal): Promise<ContentItemEntity> {
    const model = this.contentModels.require(input.model);
    const fields = this.contentModels.validate(model, input.fields, 'input.fields');
    const now = new Date();
    const metadata = applyMetadata(emptyMetadata(), input.metadata);
    await this.checks.check(model, fields, metadata, 'input');
    return this.repository.insert(
      {
        model: model.key,
        slug: input.slug,
        locale: input.locale,
        familyId: null,
        fields,
        status: ContentStatus.DRAFT,
        version: 1,
        ...metadata,
        author: principal.name,
        createdAt: now,
        updatedAt: now,
        publishedAt: null,
        publishedVersion: null,
        draft: null,
        publishAt: null,
        unpublishAt: null,
      },
      'create',
    );
  }

  /**
   * Merges the change into the item. A published item keeps serving its live version: the change
   * creates (or continues) its draft, which publishContentItem makes live. The input arrives
   * unchecked and is checked after the version; a typed mutation names the model it expects.
   */
  async update(id: string, version: number, unchecked: unknown, principal: Principal, expectedModel?: string): Promise<ContentItemEntity> {
    // The version first: a client with a stale copy always learns it is stale before anything else, a mistake in its input included.
    const current = await this.repository.findById(id);
    if (!current) throw new NotFoundError(`No content item with id ${id}`);
    if (current.version !== version) throw new StaleVersionError('Content item', id, version, current.version);
    if (expectedModel !== undefined && current.model !== expectedModel) throw new BadUserInputError(`Item ${id} is a ${current.model}, not a ${expectedModel}`, 'id');
    const input = await validateElement(UpdateContentItemInput, unchecked, 'input');
    const model = this.contentModels.require(current.model);
    const changed = (item: ContentItemEntity) => {
      const working = workingCopy(item);
      return {
        slug: input.slug ?? working.slug,
        fields: input.fields === undefined ? working.fields : this.contentModels.validate(model, mergePatch(working.fields, input.fields), 'input.fields'),
        metadata: input.metadata === undefined ? metadataOf(working) : applyMetadata(metadataOf(working), input.metadata),
      };
    };
    const planned = changed(current);
    await this.checks.check(model, planned.fields, planned.metadata, 'input');
    // Under the row lock the version is checked again: at the same version the row is the one just checked.
    const saved = await this.repository.update(id, version, 'update', (item) => {
      const next = changed(item);
      if (item.status === ContentStatus.PUBLISHED) item.draft = { slug: next.slug, fields: next.fields, metadata: toSnapshotMetadata(next.metadata) };
      else Object.assign(item, { slug: next.slug, fields: next.fields }, next.metadata);
      touch(item, principal);
    });
    await this.announce(saved);
    return workingCopy(saved);
  }

  /**
   * A hand-written variant of the item changes (`write`, in the same transaction): the item gets a
   * new version and revision, so clients that cache it see the change (version, updatedAt) and a
   * stale copy is refused.
   */
  async recordVariantChange<T>(itemId: string, change: (written: T) => string, principal: Principal, waitsForPublish: boolean, write: (manager: EntityManager) => Promise<T>): Promise<T> {
    const { item, written } = await this.repository.bump(itemId, change, principal.name, waitsForPublish, write);
    await this.announce(item);
    return written;
  }

  /** Drops a published item's pending draft; the live version stays as it is. */
  async discardDraft(id: string, version: number, principal: Principal): Promise<ContentItemEntity> {
    const saved = await this.repository.update(
      id,
      version,
      'discard draft',
      (item) => {
        if (!item.draft) throw new BadUserInputError(`Item ${id} has no draft to discard`, 'id');
        item.draft = null;
        touch(item, principal);
      },
      (manager) => this.draftParts.discard(manager, id),
    );
    await this.announce(saved);
    return saved;
  }

  publish(id: string, version: number, principal: Principal): Promise<ContentItemEntity> {
    return this.transition(id, version, 'publish', principal);
  }

  unpublish(id: string, version: number, principal: Principal): Promise<ContentItemEntity> {
    return this.transition(id, version, 'unpublish', principal);
  }

  /** Archives the item; with `withTranslations`, its whole family at once (all or none), else the other locales stay as they are. */
  async archive(id: string, version: number, principal: Principal, withTranslations = false): Promise<ContentItemEntity> {
    if (!withTranslations) return this.transition(id, version, 'archive', principal);
    const item = await this.repository.findById(id);
    if (!item) throw new NotFoundError(`No content item with id ${id}`);
    const others = (await this.repository.family(familyOf(item))).filter((member) => member.id !== id && member.status !== ContentStatus.ARCHIVED);
    const outcome = await this.transitionMany('archive', [{ id, version }, ...others.map((member) => ({ id: member.id, version: member.version }))], principal);
    const refused = outcome.items.find((entry) => entry.error !== null);
    if (refused) throw refused.error!;
    return outcome.items[0].item!;
  }

  /** The same message in the family's other locales; a DELIVERY key sees only the live ones. */
  async translations(item: { id: string; familyId: string | null }, principal: Principal): Promise<ContentItemEntity[]> {
    const now = new Date();
    return (await this.repository.family(item.familyId ?? item.id)).filter((member) => member.id !== item.id && (canReadDrafts(principal) || isLive(member, now)));
  }

  /**
   * A draft of the message in another locale, in its family: the same model, slug and metadata;
   * `fields` hold the translated texts, and fields the model marks as not localized (an image)
   * are taken from the source unless given.
   */
  async createTranslation(itemId: string, locale: string, fields: Record<string, unknown>, principal: Principal): Promise<ContentItemEntity> {
    const source = await this.get(itemId, principal);
    if (locale === source.locale) throw new BadUserInputError(`Item ${itemId} is itself in ${locale}; a translation needs another locale`, 'locale');
    const model = this.contentModels.require(source.model);
    const shared = Object.fromEntries(model.fields.filter((field) => field.localized === false && source.fields[field.key] !== undefined).map((field) => [field.key, source.fields[field.key]]));
    const merged = this.contentModels.validate(model, { ...shared, ...fields }, 'fields');
    const metadata = metadataOf(source);
    await this.checks.check(model, merged, metadata, '');
    const now = new Date();
    const saved = await this.repository.insert(
      { model: model.key, slug: source.slug, locale, familyId: familyOf(source), fields: merged, status: ContentStatus.DRAFT, version: 1, ...metadata, author: principal.name, createdAt: now, updatedAt: now, publishedAt: null, publishedVersion: null, draft: null, publishAt: null, unpublishAt: null },
      `translation of ${source.id} (${source.locale})`,
    );
    await this.announce(saved);
    return saved;
  }

  /** Per message of the theme (not archived), the wanted locales it has no item in yet. */
  async missingTranslations(theme: string, locales: string[]): Promise<{ itemId: string; slug: string; missing: string[] }[]> {
    const families = await this.repository.familiesOfTheme(theme, MAX_FAMILIES);
    return families
      .map((family) => ({ itemId: family.itemId, slug: family.slug, missing: locales.filter((locale) => !family.locales.includes(locale)) }))
      .filter((family) => family.missing.length > 0);
  }

  /** Items live or scheduled in [from, to) (at most `limit`), as customers get them: the live version of a published item. */
  async calendar(from: Date, to: Date, filter: { theme?: string; locale?: string; persona?: string; channel?: string }, limit: number): Promise<ContentItemEntity[]> {
    return (await this.repository.calendar(from, to, filter, limit)).map((item) => (item.status === ContentStatus.PUBLISHED ? liveCopy(item) : workingCopy(item)));
  }

  /** Per item, the ids of the published items of its family (for selection's locale fallback); absent when none is published. */
  publishedFamilyIds(itemIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.repository.publishedFamilyIds(itemIds);
  }

  async revisions(itemId: string, principal: Principal): Promise<ContentRevisionEntity[]> {
    await this.get(itemId, principal);
    return this.repository.listRevisions(itemId);
  }

  async revision(itemId: string, revision: number): Promise<ContentRevisionEntity> {
    const found = await this.repository.findRevision(itemId, revision);
    if (!found) throw new NotFoundError(`Content item ${itemId} has no revision ${revision}`, { path: 'revision' });
    return found;
  }

  /** Refuses persona keys the hub does not know (for variants, which target personas too). */
  async checkPersonaTags(tags: string[], path: string): Promise<void> {
    const [problem] = await this.checks.personaProblems(tags, path);
    if (problem) throw new BadUserInputError(`${problem.path}: ${problem.message}`, problem.path);
  }

  /**
   * Stored content that would not pass today's checks (a model changed, a persona or asset was
   * deleted, a token the sandbox no longer reads): found here rather than failing at delivery.
   */
  async health(limit: number): Promise<{ itemId: string; version: number; slug: string; locale: string; problems: FieldViolation[] }[]> {
    const unhealthy: { itemId: string; version: number; slug: string; locale: string; problems: FieldViolation[] }[] = [];
    let afterId: string | null = null;
    for (;;) {
      const items = await this.repository.notArchivedAfter(afterId, HEALTH_PAGE);
      for (const item of items) {
        const model = this.contentModels.find(item.model);
        const working = workingCopy(item);
        const problems = model
          ? [...this.contentModels.violations(model, working.fields, 'fields'), ...(await this.checks.problems(model, working.fields, metadataOf(working), ''))]
          : [{ path: 'model', message: `content model "${item.model}" no longer exists` }];
        if (problems.length > 0) unhealthy.push({ itemId: item.id, version: item.version, slug: item.slug, locale: item.locale, problems });
        if (unhealthy.length >= limit) return unhealthy;
      }
      if (items.length < HEALTH_PAGE) return unhealthy;
      afterId = items[items.length - 1].id;
    }
  }

  /** The newest published items as customers receive them, for warming delivery caches; none once they fill three quarters of their memory. */
  recentlyPublished(limit: number, offset = 0): Promise<ContentItemEntity[]> {
    return this.published.recent(limit, offset);
  }

  /** Ids of published items a selector picks (locale, validity and personas are left to selection). */
  publishedIds(selector: ContentItemsQuery, limit: number): Promise<string[]> {
    return this.repository.publishedIds(selector, limit);
  }

  /** Published items as customers receive them: the live version, never a pending draft. */
  async publishedByIds(ids: readonly string[]): Promise<ContentItemEntity[]> {
    return (await Promise.all(ids.map((id) => this.published.get(id)))).filter((item): item is ContentItemEntity => item !== null);
  }

  /** Told of each published item let go to make room in memory, so what was built from it can go too. */
  onPublishedItemEvicted(listener: (id: string) => void): void {
    this.published.onEvicted(listener);
  }

  /** Items (any status) and live variants whose fields show this asset: an image still in use is not deleted. */
  itemsShowingAsset(assetId: string): Promise<{ id: string; slug: string; locale: string }[]> {
    return this.repository.findReferencingAsset(assetId);
  }

  /** Whether live content shows this asset: what a DELIVERY key may read. */
  isAssetLive(assetId: string): Promise<boolean> {
    return this.repository.isAssetLive(assetId);
  }

  /**
   * The item as it is now (any status), or as it was at an older revision, for previews: an old
   * revision is rebuilt from its snapshot and shown as a draft when it had been archived.
   */
  async asOfRevision(itemId: string, revision?: number): Promise<ContentItemEntity> {
    const found = await this.repository.findById(itemId);
    if (!found) throw new NotFoundError(`No content item with id ${itemId}`);
    const item = workingCopy(found);
    if (revision === undefined || revision === item.version) return item;
    const { snapshot } = await this.revision(itemId, revision);
    return {
      ...item,
      version: revision,
      slug: snapshot.slug,
      fields: snapshot.fields,
      status: snapshot.status === ContentStatus.ARCHIVED ? ContentStatus.DRAFT : (snapshot.status as ContentStatus),
      ...fromSnapshotMetadata(snapshot.metadata),
    };
  }

  /** Brings back the fields, slug and metadata of an old revision as a new revision; the status stays as it is. */
  async restoreRevision(itemId: string, revision: number, version: number, principal: Principal): Promise<ContentItemEntity> {
    const old = await this.revision(itemId, revision);
    const { snapshot } = old;
    const saved = await this.repository.update(itemId, version, `restore of revision ${revision}`, (item) => {
      // A published item keeps serving its live version: the restored content becomes its draft.
      if (item.status === ContentStatus.PUBLISHED) item.draft = { slug: snapshot.slug, fields: snapshot.fields, metadata: snapshot.metadata };
      else Object.assign(item, { slug: snapshot.slug, fields: snapshot.fields }, fromSnapshotMetadata(snapshot.metadata), { draft: null });
      touch(item, principal);
    });
    await this.announce(saved);
    return saved;
  }

  /**
   * Publishes, unpublishes or archives many items at once, all or nothing: when one cannot change
   * (missing, stale, wrong status), none does, and the answer says what stopped each.
   */
  async transitionMany(action: Transition, targets: { id: string; version: number }[], principal: Principal): Promise<BulkOutcome> {
    if (targets.length === 0 || targets.length > MAX_BULK) throw new BadUserInputError(`items must have 1 to ${MAX_BULK} entries`, 'items', { limit: MAX_BULK });
    const malformed = targets.findIndex((target) => !isUuid(target.id));
    if (malformed >= 0) throw new BadUserInputError(`items[${malformed}].id is not a content item id (a UUID)`, `items.${malformed}.id`);
    const duplicate = targets.find((target, index) => targets.findIndex((other) => other.id === target.id) !== index);
    if (duplicate) throw new BadUserInputError(`Item ${duplicate.id} is in items twice`, 'items');
    const outcome = await this.repository.updateMany(targets, action, (item) => applyTransition(item, action, principal), (manager, item) => this.draftParts.apply(manager, item.id));
    if ('refused' in outcome) return { applied: false, items: targets.map(({ id }, index) => ({ id, item: null, error: outcome.refused[index] })) };
    for (const item of outcome.saved) await this.announce(item);
    return { applied: true, items: outcome.saved.map((item) => ({ id: item.id, item, error: null })) };
  }

  private async transition(id: string, version: number, action: Transition, principal: Principal): Promise<ContentItemEntity> {
    const saved = await this.repository.update(id, version, action, (item) => applyTransition(item, action, principal), (manager) => this.draftParts.apply(manager, id));
    await this.announce(saved);
    return saved;
  }

  private announce(item: ContentItemEntity): Promise<void> {
    return this.published.changed(item);
  }
}

/** The id that names an item's translation family. */
function familyOf(item: Pick<ContentItemEntity, 'id' | 'familyId'>): string {
  return item.familyId ?? item.id;
}

/** Published and inside its validity window. */
function isLive(item: ContentItemEntity, now: Date): boolean {
  return item.status === ContentStatus.PUBLISHED && (!item.validFrom || item.validFrom <= now) && (!item.validUntil || item.validUntil > now);
}

function emptyMetadata(): ContentMetadata {
  return { theme: null, purpose: null, journeyStages: [], tags: [], personaTags: [], channels: [], priority: 0, validFrom: null, validUntil: null, attributes: {} };
}

/** Properties present in the input replace the stored ones; absent ones stay. */
function applyMetadata(current: ContentMetadata, input: ContentMetadataInput | undefined): ContentMetadata {
  const next: ContentMetadata = { ...current };
  for (const [key, value] of Object.entries(input ?? {})) {
    if (value === undefined) continue;
    (next as unknown as Record<string, unknown>)[key] = value ?? (Array.isArray(current[key as keyof ContentMetadata]) ? [] : null);
  }
  if (next.priority === null) next.priority = 0;
  if (next.validFrom && next.validUntil && next.validFrom >= next.validUntil) {
    throw new BadUserInputError('input.metadata.validUntil must be later than input.metadata.validFrom', 'input.metadata.validUntil');
  }
  next.tags = unique(next.tags);
  next.personaTags = unique(next.personaTags);
  next.channels = unique(next.channels);
  next.journeyStages = unique(next.journeyStages);
  return next;
}


function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
