import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { ConflictError, DomainError, NotFoundError, StaleVersionError } from '../../common/errors/domain-errors';
import { OUTBOUND_EVENTS, OutboundEvents, OutboundEventType } from '../../common/outbox/outbound-events';
import { PagePosition } from '../../common/pagination/cursor';
import { afterPosition, ContentOrder } from './content-order';
import { metadataOf, toSnapshotMetadata, workingCopy } from './content-metadata';
import { ContentStatus, JourneyStage, Purpose } from './content.enums';
import { ContentItemEntity } from './entities/content-item.entity';
import { ContentRevisionEntity, RevisionSnapshot } from './entities/content-revision.entity';

export interface ContentItemsQuery {
  model?: string;
  statuses?: ContentStatus[];
  status?: ContentStatus;
  locale?: string;
  theme?: string;
  purpose?: Purpose;
  journeyStage?: JourneyStage;
  tags?: string[];
  personaTags?: string[];
  search?: string;
  /** Only items inside their validity window at this moment (what a DELIVERY key may see). */
  liveAt?: Date;
  /** Conditions on the values of model fields (typed content queries). */
  fieldFilters?: FieldFilter[];
}

/** One condition on a model field: text contains/equals, number compares, boolean or enum equals, enum in. */
export interface FieldFilter {
  field: string;
  op: 'contains' | 'eq' | 'in' | 'gt' | 'gte' | 'lt' | 'lte';
  kind: 'text' | 'number' | 'boolean';
  value: string | number | boolean | string[];
}

const COMPARISONS: Record<'gt' | 'gte' | 'lt' | 'lte', string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

export interface ContentItemsPage {
  items: ContentItemEntity[];
  hasNextPage: boolean;
}

/**
 * The outbound event of a change, by the change's name (the part before a colon: "publish: as
 * scheduled"); any other change (an edit, a restore) is `content.updated`.
 */
const EVENT_OF_CHANGE: Record<string, OutboundEventType> = {
  create: 'content.created',
  publish: 'content.published',
  unpublish: 'content.unpublished',
  archive: 'content.archived',
  schedule: 'content.scheduled',
  'cancel schedule': 'content.scheduled',
};

/**
 * The only place that speaks SQL about content items and their revisions. Every change writes a
 * revision and its outbound event in the same transaction.
 */
@Injectable()
export class ContentItemsRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOUND_EVENTS) private readonly outbox: OutboundEvents,
  ) {}

  findById(id: string): Promise<ContentItemEntity | null> {
    return this.dataSource.getRepository(ContentItemEntity).findOne({ where: { id } });
  }

  /** Every item of the family (any status), the given one included, oldest first. */
  family(familyId: string): Promise<ContentItemEntity[]> {
    return this.dataSource
      .getRepository(ContentItemEntity)
      .createQueryBuilder('item')
      .where('coalesce(item.family_id, item.id) = :familyId', { familyId })
      .orderBy('item.created_at', 'ASC')
      .addOrderBy('item.id', 'ASC')
      .getMany();
  }

  /** Ids of the published items in the family of `itemId`. */
  async publishedFamilyIds(itemIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows: { itemId: string; members: string[] }[] = await this.dataSource.query(
      `SELECT item.id AS "itemId", array_agg(member.id ORDER BY member.id) AS members
       FROM content_items AS item JOIN content_items AS member ON coalesce(member.family_id, member.id) = coalesce(item.family_id, item.id)
       WHERE item.id = ANY($1::uuid[]) AND member.status = 'PUBLISHED' GROUP BY item.id`,
      [itemIds],
    );
    return new Map(rows.map((row) => [row.itemId, row.members]));
  }

  /** Per family with items of `theme` (not archived): its oldest item, its slug and the locales it has. */
  familiesOfTheme(theme: string, limit: number): Promise<{ itemId: string; slug: string; locales: string[] }[]> {
    return this.dataSource.query(
      `SELECT (array_agg(id ORDER BY created_at, id))[1] AS "itemId", (array_agg(slug ORDER BY created_at, id))[1] AS slug, array_agg(DISTINCT locale) AS locales
       FROM content_items WHERE theme = $1 AND status <> 'ARCHIVED'
       GROUP BY coalesce(family_id, id) ORDER BY 2, 1 LIMIT $2`,
      [theme, limit],
    );
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM content_items WHERE id = ANY($1::uuid[])', [ids]);
    return new Set(rows.map((row) => row.id));
  }

  /** Items that are not archived, in id order after `afterId`: for a health scan in pages. */
  notArchivedAfter(afterId: string | null, limit: number): Promise<ContentItemEntity[]> {
    const query = this.dataSource.getRepository(ContentItemEntity).createQueryBuilder('item').where("item.status <> 'ARCHIVED'").orderBy('item.id', 'ASC').limit(limit);
    if (afterId) query.andWhere('item.id > :afterId', { afterId });
    return query.getMany();
  }

  async page(query: ContentItemsQuery, first: number, order: ContentOrder, after: PagePosition | null): Promise<ContentItemsPage> {
    const paged = this.filtered(query).setParameters(order.parameters);
    if (order.missingSql) paged.addOrderBy(order.missingSql, order.direction);
    paged.addOrderBy(order.sql, order.direction).addOrderBy('item.id', order.direction).limit(first + 1);
    if (after) {
      const keyset = afterPosition(order, after.value, after.id);
      paged.andWhere(keyset.sql, keyset.parameters);
    }
    const rows = await paged.getMany();
    return { items: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  findPublishedByIds(ids: readonly string[]): Promise<ContentItemEntity[]> {
    return this.dataSource.getRepository(ContentItemEntity).find({ where: { id: In([...ids]), status: ContentStatus.PUBLISHED } });
  }

  /** The most recently updated published items, for warming the delivery cache. */
  recentlyPublished(limit: number, offset: number): Promise<ContentItemEntity[]> {
    return this.dataSource.getRepository(ContentItemEntity).find({ where: { status: ContentStatus.PUBLISHED }, order: { updatedAt: 'DESC', id: 'DESC' }, take: limit, skip: offset });
  }

  /** Ids of the published items matching `query`, at most `limit` (selection ranks them in memory). */
  async publishedIds(query: ContentItemsQuery, limit: number): Promise<string[]> {
    const rows = await this.filtered({ ...query, status: ContentStatus.PUBLISHED })
      .select('item.id', 'id')
      .orderBy('item.priority', 'DESC')
      .addOrderBy('item.updated_at', 'DESC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** Items (any status) and live variants whose fields point at an asset, e.g. `{ "image": { "assetId": … } }`. */
  async findReferencingAsset(assetId: string): Promise<{ id: string; slug: string; locale: string }[]> {
    return this.dataSource.query(
      `SELECT id, slug, locale FROM content_items WHERE jsonb_path_exists(fields, '$.** ? (@.assetId == $id)', jsonb_build_object('id', $1::text))
       UNION
       SELECT item.id, item.slug, item.locale FROM channel_variants variant JOIN content_items item ON item.id = variant.item_id
       WHERE variant.deleted_at IS NULL AND jsonb_path_exists(variant.fields, '$.** ? (@.assetId == $id)', jsonb_build_object('id', $1::text))
       ORDER BY slug, locale`,
      [assetId],
    );
  }

  /** Whether an item that is live now (published, inside its validity window) shows the asset: what a DELIVERY key may read. */
  async isAssetLive(assetId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM content_items WHERE status = 'PUBLISHED' AND (valid_from IS NULL OR valid_from <= now()) AND (valid_until IS NULL OR valid_until > now())
       AND jsonb_path_exists(fields, '$.** ? (@.assetId == $id)', jsonb_build_object('id', $1::text)) LIMIT 1`,
      [assetId],
    );
    return rows.length > 0;
  }

  /**
   * Items that are live or scheduled to go live at some time in [from, to): published ones from
   * their publication (or validity start) and scheduled ones from their publishAt, until their
   * validity end or scheduled unpublish; `audience` filters keep items for everyone and every channel.
   */
  calendar(from: Date, to: Date, filter: { theme?: string; locale?: string; persona?: string; channel?: string }, limit: number): Promise<ContentItemEntity[]> {
    const query = this.dataSource
      .getRepository(ContentItemEntity)
      .createQueryBuilder('item')
      .where("(item.status = 'PUBLISHED' OR item.publish_at IS NOT NULL)")
      .andWhere("coalesce(greatest(item.valid_from, CASE WHEN item.status = 'PUBLISHED' THEN item.published_at ELSE item.publish_at END), '-infinity') < :to", { to })
      .andWhere("coalesce(least(item.valid_until, item.unpublish_at), 'infinity') > :from", { from })
      .orderBy('item.priority', 'DESC')
      .addOrderBy('item.id', 'ASC')
      .limit(limit);
    if (filter.theme) query.andWhere('item.theme = :theme', { theme: filter.theme });
    if (filter.locale) query.andWhere('item.locale = :locale', { locale: filter.locale });
    if (filter.persona) query.andWhere("(item.persona_tags = '{}' OR :persona = ANY(item.persona_tags))", { persona: filter.persona });
    if (filter.channel) query.andWhere("(item.channels = '{}' OR :channel = ANY(item.channels))", { channel: filter.channel });
    return query.getMany();
  }

  /** Plain COUNT(*): TypeORM's getCount counts DISTINCT ids, which costs a sort over every match. */
  async count(query: ContentItemsQuery): Promise<number> {
    const row = await this.filtered(query).select('COUNT(*)', 'count').getRawOne<{ count: string }>();
    return Number(row?.count ?? 0);
  }

  /** Inserts a new item and its first revision in one transaction. */
  async insert(item: Omit<ContentItemEntity, 'id'>, change: string): Promise<ContentItemEntity> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const saved = await manager.getRepository(ContentItemEntity).save(manager.getRepository(ContentItemEntity).create(item));
        await this.insertRevision(manager, saved, change, 'content.created');
        return saved;
      });
    } catch (error) {
      throw translateUniqueViolation(error, item);
    }
  }

  /**
   * Applies `mutate` to the row locked FOR UPDATE, only if it is still at `expectedVersion`,
   * bumps the version and writes the revision — all or nothing.
   */
  async update(
    id: string,
    expectedVersion: number,
    change: string,
    mutate: (item: ContentItemEntity) => void,
    /** More work in the same transaction, after the item is saved (settling its variants). */
    alongside?: (manager: EntityManager, item: ContentItemEntity) => Promise<void>,
  ): Promise<ContentItemEntity> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(ContentItemEntity);
        const current = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!current) throw new NotFoundError(`No content item with id ${id}`);
        if (current.version !== expectedVersion) throw new StaleVersionError('Content item', id, expectedVersion, current.version);
        mutate(current);
        current.version += 1;
        const saved = await repository.save(current);
        await this.insertRevision(manager, saved, change, eventOfChange(change));
        await alongside?.(manager, saved);
        return saved;
      });
    } catch (error) {
      throw translateUniqueViolation(error);
    }
  }

  /**
   * For the scheduler, which acts on the item as it is when the time comes: `mutate` sees the row
   * locked FOR UPDATE and answers the change's name, or null to leave the item untouched.
   */
  async updateAsItIs(id: string, mutate: (item: ContentItemEntity) => string | null, alongside?: (manager: EntityManager, item: ContentItemEntity) => Promise<void>): Promise<ContentItemEntity | null> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(ContentItemEntity);
        const current = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        const change = current ? mutate(current) : null;
        if (!current || change === null) return null;
        current.version += 1;
        const saved = await repository.save(current);
        await this.insertRevision(manager, saved, change, eventOfChange(change));
        await alongside?.(manager, saved);
        return saved;
      });
    } catch (error) {
      throw translateUniqueViolation(error);
    }
  }

  /**
   * Applies `mutate` to every target in one transaction, all or nothing: the rows are locked in id
   * order (two bulk calls cannot deadlock), and if any target is missing, stale or refused by
   * `mutate`, nothing is written and each target's problem is answered (null for those that were fine).
   */
  async updateMany(
    targets: { id: string; version: number }[],
    change: string,
    mutate: (item: ContentItemEntity) => void,
    alongside?: (manager: EntityManager, item: ContentItemEntity) => Promise<void>,
  ): Promise<{ saved: ContentItemEntity[] } | { refused: (DomainError | null)[] }> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(ContentItemEntity);
        const rows = await repository.find({ where: { id: In(targets.map((target) => target.id)) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
        const byId = new Map(rows.map((row) => [row.id, row]));
        const refused = targets.map(({ id, version }) => {
          const current = byId.get(id);
          if (!current) return new NotFoundError(`No content item with id ${id}`);
          if (current.version !== version) return new StaleVersionError('Content item', id, version, current.version);
          try {
            mutate(current);
            return null;
          } catch (error) {
            if (error instanceof DomainError) return error;
            throw error;
          }
        });
        if (refused.some((problem) => problem !== null)) return { refused };
        const saved: ContentItemEntity[] = [];
        for (const { id } of targets) {
          const item = byId.get(id)!;
          item.version += 1;
          saved.push(await repository.save(item));
          await this.insertRevision(manager, item, change, eventOfChange(change));
          await alongside?.(manager, item);
        }
        return { saved };
      });
    } catch (error) {
      throw translateUniqueViolation(error);
    }
  }

  /**
   * A change made beside the item (a variant, written by `write` under the item's row lock) gives
   * the item a new version, recorded as a revision; the item's content stays as it is.
   */
  async bump<T>(id: string, change: (written: T) => string, author: string, startsDraft: boolean, write: (manager: EntityManager) => Promise<T>): Promise<{ item: ContentItemEntity; written: T }> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ContentItemEntity);
      const item = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw new NotFoundError(`No content item with id ${id}`);
      const written = await write(manager);
      item.version += 1;
      item.updatedAt = new Date();
      item.author = author;
      // A change that waits for publishing opens the item's draft (its content unchanged); one that went live moves the live version.
      if (startsDraft && item.status === ContentStatus.PUBLISHED) item.draft ??= { slug: item.slug, fields: item.fields, metadata: toSnapshotMetadata(metadataOf(item)) };
      else if (item.draft === null && item.publishedVersion !== null) item.publishedVersion = item.version;
      const saved = await repository.save(item);
      await this.insertRevision(manager, saved, change(written), 'variant.changed');
      return { item: saved, written };
    });
  }

  listRevisions(itemId: string): Promise<ContentRevisionEntity[]> {
    return this.dataSource.getRepository(ContentRevisionEntity).find({ where: { itemId }, order: { revision: 'DESC' } });
  }

  findRevision(itemId: string, revision: number): Promise<ContentRevisionEntity | null> {
    return this.dataSource.getRepository(ContentRevisionEntity).findOne({ where: { itemId, revision } });
  }

  private async insertRevision(manager: EntityManager, item: ContentItemEntity, change: string, event: OutboundEventType): Promise<void> {
    const revisions = manager.getRepository(ContentRevisionEntity);
    await revisions.save(revisions.create({ itemId: item.id, revision: item.version, snapshot: toSnapshot(item), author: item.author, change }));
    await this.outbox.record(manager, { type: event, subject: item.id, data: eventData(item, change) });
  }

  private filtered(query: ContentItemsQuery): SelectQueryBuilder<ContentItemEntity> {
    const builder = this.dataSource.getRepository(ContentItemEntity).createQueryBuilder('item');
    if (query.statuses) builder.andWhere('item.status IN (:...statuses)', { statuses: query.statuses });
    if (query.status) builder.andWhere('item.status = :status', { status: query.status });
    if (query.model) builder.andWhere('item.model = :model', { model: query.model });
    if (query.liveAt) builder.andWhere('(item.validFrom IS NULL OR item.validFrom <= :liveAt) AND (item.validUntil IS NULL OR item.validUntil > :liveAt)', { liveAt: query.liveAt });
    if (query.locale) builder.andWhere('item.locale = :locale', { locale: query.locale });
    if (query.theme) builder.andWhere('item.theme = :theme', { theme: query.theme });
    if (query.purpose) builder.andWhere('item.purpose = :purpose', { purpose: query.purpose });
    if (query.journeyStage) builder.andWhere('item.journey_stages @> ARRAY[CAST(:journeyStage AS text)]', { journeyStage: query.journeyStage });
    if (query.tags?.length) builder.andWhere('item.tags @> CAST(:tags AS text[])', { tags: query.tags });
    if (query.personaTags?.length) builder.andWhere('item.persona_tags && CAST(:personaTags AS text[])', { personaTags: query.personaTags });
    const tsQuery = query.search ? toPrefixTsQuery(query.search) : null;
    if (tsQuery) builder.andWhere(`item.search_vector @@ to_tsquery('simple', :tsQuery)`, { tsQuery });
    if (query.search && !tsQuery) builder.andWhere('false');
    (query.fieldFilters ?? []).forEach((filter, index) => {
      const key = `fieldKey${index}`;
      const value = `fieldValue${index}`;
      const params = { [key]: filter.field, [value]: filter.value };
      if (filter.kind === 'number') {
        const operator = filter.op === 'eq' ? '=' : COMPARISONS[filter.op as keyof typeof COMPARISONS];
        builder.andWhere(`jsonb_typeof(item.fields -> :${key}) = 'number' AND (item.fields ->> :${key})::numeric ${operator} :${value}`, params);
      } else if (filter.kind === 'boolean') builder.andWhere(`item.fields -> :${key} = to_jsonb(CAST(:${value} AS boolean))`, params);
      else if (filter.op === 'contains') {
        const pattern = trigramPattern(String(filter.value));
        // The trigram index finds the items whose fields contain the text somewhere; the exact test keeps those where it is this field.
        if (pattern) builder.andWhere(`lower(item.fields::text) LIKE '%' || lower(:${key}Pattern) || '%'`, { [`${key}Pattern`]: pattern });
        builder.andWhere(`strpos(lower(item.fields ->> :${key}), lower(:${value})) > 0`, params);
      }
      else if (filter.op === 'in') builder.andWhere(`item.fields ->> :${key} = ANY(CAST(:${value} AS text[]))`, params);
      else builder.andWhere(`item.fields ->> :${key} = :${value}`, params);
    });
    return builder;
  }
}

function eventOfChange(change: string): OutboundEventType {
  return EVENT_OF_CHANGE[change.split(':')[0]] ?? 'content.updated';
}

/** What a webhook receiver learns of an item's change: enough to decide whether to fetch it. */
function eventData(item: ContentItemEntity, change: string): Record<string, unknown> {
  return {
    itemId: item.id,
    version: item.version,
    publishedVersion: item.publishedVersion,
    status: item.status,
    hasDraft: item.draft !== null,
    model: item.model,
    slug: item.slug,
    theme: item.theme,
    locale: item.locale,
    channels: item.channels,
    personaTags: item.personaTags,
    schedule: item.publishAt || item.unpublishAt ? { publishAt: item.publishAt?.toISOString() ?? null, unpublishAt: item.unpublishAt?.toISOString() ?? null } : null,
    change,
    author: item.author,
  };
}

/**
 * The LIKE pattern (without the surrounding %) that finds `text` inside an item's fields as JSON
 * text, or null where that text cannot help: under three characters no trigram narrows anything
 * down, and quotes, backslashes and control characters are spelled differently in JSON.
 */
export function trigramPattern(text: string): string | null {
  if ([...text].length < 3 || [...text].some((character) => character === '"' || character === '\\' || character < ' ')) return null;
  return text.replace(/[%_]/g, (wildcard) => `\\${wildcard}`);
}

/** "Zomer actie!" → "zomer:* & actie:*": every word must occur, as a word prefix. Only letters and digits survive. */
export function toPrefixTsQuery(search: string): string | null {
  const words = search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? null : words.slice(0, 10).map((word) => `${word}:*`).join(' & ');
}

/** What a revision keeps: the working copy, so a draft saved beside a live version is recorded as the draft it is. */
export function toSnapshot(item: ContentItemEntity): RevisionSnapshot {
  const working = workingCopy(item);
  return { model: item.model, slug: working.slug, locale: item.locale, status: item.draft ? ContentStatus.DRAFT : item.status, fields: working.fields, metadata: toSnapshotMetadata(metadataOf(working)) };
}

function translateUniqueViolation(error: unknown, item?: Pick<ContentItemEntity, 'model' | 'slug' | 'locale'>): unknown {
  const driverError = (error as QueryFailedError & { driverError?: { code?: string; constraint?: string } }).driverError;
  if (error instanceof QueryFailedError && driverError?.code === '23505' && driverError.constraint === 'content_items_model_slug_locale') {
    const what = item ? `"${item.slug}" in locale ${item.locale} for model ${item.model}` : 'with that slug, locale and model';
    return new ConflictError(`An item ${what} already exists; choose another slug`, { path: 'slug' });
  }
  if (error instanceof QueryFailedError && driverError?.code === '23505' && driverError.constraint === 'content_items_family_locale') {
    return new ConflictError(`The message already has a translation in locale ${item?.locale ?? 'this locale'}; edit that one`, { path: 'locale' });
  }
  return error;
}
