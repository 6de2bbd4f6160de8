import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import { approximateBytes } from '../../common/cache/approximate-size';
import { WeightedLru } from '../../common/cache/weighted-lru';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { groupInOrder } from '../../common/dataloader/request-loaders';
import { ChangeFeed } from '../../database/change-feed.service';
import { ContentItemsService } from '../content/content-items.service';
import { CONTENT_CHANGED } from '../content/published-items';
import { ChannelVariantEntity } from '../variants/channel-variant.entity';
import { VARIANTS_CHANGED, VariantsService } from '../variants/variants.service';
import { ContentItemEntity } from '../content/entities/content-item.entity';
import { ExperimentConclusions } from '../experiments/experiment-conclusions';
import { ContentSelectorInput } from './graphql/personalize.input';
import { selectorKey } from './selector-key';

const MAX_SELECTORS = 2_000;
/** Families (an item and its translations) by item: ids only, so many fit in little memory. */
const MAX_FAMILIES = 100_000;
/** Candidates per selector; the highest priority, newest first, when more match. */
const MAX_CANDIDATES = 5_000;
/** Published items are loaded at start-up in pages of this many, newest first, until the items' memory is three quarters full. */
const WARM_PAGE = 500;
/** What an entry is taken to weigh while it loads; its real weight replaces this once it is in. */
const LOADING_WEIGHT = 1_024;
/** An entry's own weight beside its variants (its item is counted where items are kept); "no such item" weighs this too. */
const ENTRY_WEIGHT = 128;

/** A published item as delivery sees it, with its live variants. */
export interface CatalogEntry {
  item: ContentItemEntity;
  variants: ChannelVariantEntity[];
}

/**
 * What delivery reads on every request, kept in memory: published items by id with their live
 * variants, and the candidates per selector. The items themselves are the content module's,
 * shared with contentItem: an entry goes when its item is evicted there, and the variants have a
 * quarter of HUB_DELIVERY_CACHE_MB of their own. Any change on any instance (PostgreSQL NOTIFY)
 * drops the item and every selector result, so the next request reads the database again.
 */
@Injectable()
export class DeliveryCatalog implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(DeliveryCatalog.name);
  private readonly entries: WeightedLru<string, Promise<CatalogEntry | null>>;
  /** Candidates per selector; any change anywhere clears them all, so they never outlive their entries' truth. */
  private readonly selections = new WeightedLru<string, Promise<CatalogEntry[]>>(MAX_SELECTORS);
  /** The published members of an item's family; cleared with the selections, as any publication may add or drop one. */
  private readonly families = new WeightedLru<string, Promise<string[]>>(MAX_FAMILIES);
  /** Cache misses of concurrent requests (and of one selector's candidates) load together: two queries per batch. */
  private readonly loader = new DataLoader<string, CatalogEntry | null>((ids) => this.loadMany(ids), { cache: false, maxBatchSize: 500 });
  private readonly familyLoader = new DataLoader<string, string[]>(async (ids) => {
    const families = await this.items.publishedFamilyIds(ids);
    return ids.map((id) => families.get(id) ?? []);
  }, { cache: false, maxBatchSize: 500 });
  /** Counts announced changes, so warming keeps nothing it read before one (it might be stale already). */
  private changes = 0;

  constructor(
    private readonly items: ContentItemsService,
    private readonly variants: VariantsService,
    private readonly conclusions: ExperimentConclusions,
    private readonly changeFeed: ChangeFeed,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.entries = new WeightedLru(config.deliveryCacheBytes / 4, () => LOADING_WEIGHT);
  }

  onModuleInit(): void {
    this.items.onPublishedItemEvicted((id) => this.entries.delete(id));
    const forgetItem = (payload: Record<string, unknown>) => {
      this.changes += 1;
      this.entries.delete(String(payload.id ?? payload.itemId));
      this.selections.clear();
      this.families.clear();
    };
    this.changeFeed.subscribe(CONTENT_CHANGED, forgetItem);
    this.changeFeed.subscribe(VARIANTS_CHANGED, forgetItem);
    this.changeFeed.subscribe('reset', () => {
      this.changes += 1;
      this.entries.clear();
      this.selections.clear();
      this.families.clear();
    });
  }

  /** Loads the newest published items in the background, a page at a time; requests meanwhile load what they need. */
  onApplicationBootstrap(): void {
    this.warm().catch((error: Error) => this.logger.warn(`Could not warm the delivery cache: ${error.message}`));
  }

  private async warm(): Promise<void> {
    for (let offset = 0; ; offset += WARM_PAGE) {
      const changesBefore = this.changes;
      const items = await this.items.recentlyPublished(WARM_PAGE, offset);
      const ids = items.map((item) => item.id);
      const [entries, families] = await Promise.all([this.withVariants(ids, items), this.items.publishedFamilyIds(ids)]);
      if (this.changes === changesBefore) {
        entries.forEach((entry, index) => {
          if (this.entries.get(ids[index]) === undefined) this.entries.keepLoading(ids[index], Promise.resolve(entry), weighEntry);
          if (this.families.get(ids[index]) === undefined) this.families.keepLoading(ids[index], Promise.resolve(families.get(ids[index]) ?? []));
        });
      }
      if (items.length < WARM_PAGE) return;
    }
  }

  /** The published item with this id, or null. */
  published(id: string): Promise<CatalogEntry | null> {
    // Kept by weight: the estimate while loading, then what the entry really holds.
    return this.entries.get(id) ?? this.entries.keepLoading(id, this.loader.load(id), weighEntry);
  }

  /** Published items matching a selector (locale, channel, validity and personas are decided by selection). */
  select(selector: ContentSelectorInput): Promise<CatalogEntry[]> {
    return this.candidates(selectorKey(selector), () => this.load(selector));
  }

  /** The published item with its published translations (selection then picks the customer's locale); empty when the item is not published. */
  async family(itemId: string): Promise<CatalogEntry[]> {
    if (!(await this.published(itemId))) return [];
    const members = this.families.get(itemId) ?? this.families.keepLoading(itemId, this.familyLoader.load(itemId));
    const entries = await Promise.all((await members).map((id) => this.published(id)));
    return entries.filter((entry): entry is CatalogEntry => entry !== null);
  }

  /** Loads these items with their families together, so the requests that need them one by one find them in memory. */
  async prefetch(itemIds: readonly string[]): Promise<void> {
    await Promise.allSettled(itemIds.map((id) => this.family(id)));
  }

  /** Candidate lists live until any content changes; a failed load is not kept. */
  private candidates(key: string, load: () => Promise<CatalogEntry[]>): Promise<CatalogEntry[]> {
    return this.selections.get(key) ?? this.selections.keepLoading(key, load());
  }

  private async load(selector: ContentSelectorInput): Promise<CatalogEntry[]> {
    const entries = await Promise.all((await this.items.publishedIds(selector, MAX_CANDIDATES)).map((id) => this.published(id)));
    return entries.filter((entry): entry is CatalogEntry => entry !== null);
  }

  /** Experiment key → winning arm, for every concluded experiment. */
  concludedExperiments(): Promise<ReadonlyMap<string, string>> {
    return this.conclusions.current();
  }

  /** For previews: the item as it is now in any status, or at an older revision, read past the cache. */
  async asOfRevision(itemId: string, revision: number | undefined): Promise<CatalogEntry> {
    const item = await this.items.asOfRevision(itemId, revision);
    // The live revision shows the variants customers get; any other, the variants of the draft.
    const live = revision !== undefined && revision === item.publishedVersion;
    return { item, variants: live ? await this.variants.liveFor([item.id]) : await this.variants.workingFor([item.id]) };
  }

  private async loadMany(ids: readonly string[]): Promise<(CatalogEntry | null)[]> {
    const found = new Map((await this.items.publishedByIds(ids)).map((item) => [item.id, item]));
    return this.withVariants(ids, ids.map((id) => found.get(id) ?? null));
  }

  /** Entries for items (null where an id has no published item), with every live variant in one query. */
  private async withVariants(ids: readonly string[], items: (ContentItemEntity | null)[]): Promise<(CatalogEntry | null)[]> {
    const present = ids.filter((_id, index) => items[index] !== null);
    const variants = groupInOrder(present, await this.variants.liveFor(present), (variant) => variant.itemId);
    const byItem = new Map(present.map((id, index) => [id, variants[index]]));
    return items.map((item) => (item ? { item, variants: byItem.get(item.id) ?? [] } : null));
  }
}

function weighEntry(entry: CatalogEntry | null): number {
  return ENTRY_WEIGHT + (entry ? approximateBytes(entry.variants) : 0);
}
