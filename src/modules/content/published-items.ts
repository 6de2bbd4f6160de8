import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import { approximateBytes } from '../../common/cache/approximate-size';
import { WeightedLru } from '../../common/cache/weighted-lru';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ChangeFeed } from '../../database/change-feed.service';
import { ChangeTopic } from '../../database/change-topics';
import { ContentItemsRepository } from './content-items.repository';
import { liveCopy } from './content-metadata';
import { ContentItemEntity } from './entities/content-item.entity';

export const CONTENT_CHANGED = 'content-item-changed' satisfies ChangeTopic;
/** What an entry is taken to weigh while it loads; its real weight replaces this once it is in. */
const LOADING_WEIGHT = 4_096;
/** "No such published item" is kept too (a client may ask again), and must weigh something, or unknown ids would pile up. */
const ABSENT_WEIGHT = 128;
/** Start-up warming stops when the cache is this full, leaving room for what requests ask. */
const WARM_SHARE = 0.75;

/**
 * Published items as customers receive them (the live version, never a pending draft), kept in
 * memory within HUB_DELIVERY_CACHE_MB for every delivery read: `contentItem` with a DELIVERY key
 * and the delivery catalog share these objects, and the catalog lets go of an item evicted here,
 * so an item is held once. Misses of concurrent requests load in one query; a change on any
 * instance (the change feed) drops the item, so the next read goes to the database.
 */
@Injectable()
export class PublishedItems implements OnModuleInit {
  private readonly items: WeightedLru<string, Promise<ContentItemEntity | null>>;
  private readonly loader = new DataLoader<string, ContentItemEntity | null>((ids) => this.load(ids), { cache: false, maxBatchSize: 500 });
  private readonly evictionListeners: ((id: string) => void)[] = [];
  /** Counts announced changes, so warming keeps nothing it read before one (it might be stale already). */
  private changes = 0;

  constructor(
    private readonly repository: ContentItemsRepository,
    private readonly changeFeed: ChangeFeed,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.items = new WeightedLru(config.deliveryCacheBytes, () => LOADING_WEIGHT, (id) => this.evictionListeners.forEach((listener) => listener(id)));
  }

  onModuleInit(): void {
    this.changeFeed.subscribe(CONTENT_CHANGED, ({ id }) => {
      this.changes += 1;
      this.items.delete(id);
    });
    this.changeFeed.subscribe('reset', () => {
      this.changes += 1;
      this.items.clear();
    });
  }

  /** The published item with this id, or null. Kept before the read resolves, so a change announced meanwhile drops it. */
  get(id: string): Promise<ContentItemEntity | null> {
    return this.items.get(id) ?? this.items.keepLoading(id, this.loader.load(id), weigh);
  }

  /** Told of each item evicted to make room, so what was built from it can go too. */
  onEvicted(listener: (id: string) => void): void {
    this.evictionListeners.push(listener);
  }

  /** A saved change, announced on every instance: each drops the item here, and delivery's caches drop what they built from it. */
  changed(item: ContentItemEntity): Promise<void> {
    return this.changeFeed.publish(CONTENT_CHANGED, { id: item.id, version: item.version });
  }

  /** The newest published items, kept as they are read, for warming delivery at start-up; none once the cache is three quarters full. */
  async recent(limit: number, offset: number): Promise<ContentItemEntity[]> {
    if (this.items.weight >= this.config.deliveryCacheBytes * WARM_SHARE) return [];
    const changesBefore = this.changes;
    const items = (await this.repository.recentlyPublished(limit, offset)).map(liveCopy);
    if (this.changes !== changesBefore) return items;
    const kept = await Promise.all(items.map((item) => this.items.get(item.id) ?? this.items.keepLoading(item.id, Promise.resolve(item), weigh)));
    return kept.filter((item): item is ContentItemEntity => item !== null);
  }

  private async load(ids: readonly string[]): Promise<(ContentItemEntity | null)[]> {
    const found = new Map((await this.repository.findPublishedByIds(ids)).map((item) => [item.id, liveCopy(item)]));
    return ids.map((id) => found.get(id) ?? null);
  }
}

function weigh(item: ContentItemEntity | null): number {
  return item ? approximateBytes(item) : ABSENT_WEIGHT;
}
