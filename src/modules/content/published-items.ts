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

/**
 * Published items as customers receive them (the live version, never a pending draft), kept in
 * memory for every delivery read: `contentItem` with a DELIVERY key and the delivery catalog share
 * these objects, so an item is held once. Misses of concurrent requests load in one query; a
 * change on any instance (the change feed) drops the item, so the next read goes to the database.
 */
@Injectable()
export class PublishedItems implements OnModuleInit {
  private readonly items: WeightedLru<string, Promise<ContentItemEntity | null>>;
  private readonly loader = new DataLoader<string, ContentItemEntity | null>((ids) => this.load(ids), { cache: false, maxBatchSize: 500 });
  /** Counts announced changes, so warming keeps nothing it read before one (it might be stale already). */
  private changes = 0;

  constructor(
    private readonly repository: ContentItemsRepository,
    private readonly changeFeed: ChangeFeed,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.items = new WeightedLru(config.deliveryCacheBytes, () => LOADING_WEIGHT);
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
    return this.items.get(id) ?? this.items.keepLoading(id, this.loader.load(id), approximateBytes);
  }

  /** A saved change, announced on every instance: each drops the item here, and delivery's caches drop what they built from it. */
  changed(item: ContentItemEntity): Promise<void> {
    return this.changeFeed.publish(CONTENT_CHANGED, { id: item.id, version: item.version });
  }

  /** The newest published items, kept as they are read (for warming delivery at start-up). */
  async recent(limit: number, offset: number): Promise<ContentItemEntity[]> {
    const changesBefore = this.changes;
    const items = (await this.repository.recentlyPublished(limit, offset)).map(liveCopy);
    if (this.changes !== changesBefore) return items;
    for (const item of items) if (this.items.get(item.id) === undefined) this.items.keepLoading(item.id, Promise.resolve(item), approximateBytes);
    return items;
  }

  private async load(ids: readonly string[]): Promise<(ContentItemEntity | null)[]> {
    const found = new Map((await this.repository.findPublishedByIds(ids)).map((item) => [item.id, liveCopy(item)]));
    return ids.map((id) => found.get(id) ?? null);
  }
}
