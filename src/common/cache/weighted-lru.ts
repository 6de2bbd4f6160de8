import { LRUCache } from 'lru-cache';

/**
 * The hub's one bounded cache: entries weigh something (1 for a count, bytes for a size), and
 * the least recently used go first once the total passes `maxWeight`. `set` returns what it
 * evicted, so the owner can release what those entries stand for (files on disk).
 *
 * The bookkeeping is lru-cache's (a linked list over arrays: reads and evictions cost the same at
 * any size). This class adds what the hub's caches share: values that are still loading, weights
 * learnt later, and eviction reported to the owner. An entry heavier than the whole cache is not
 * kept: it is reported as evicted at once.
 */
export class WeightedLru<K extends NonNullable<unknown>, V extends NonNullable<unknown>> {
  private readonly entries: LRUCache<K, V>;
  /** Evictions lru-cache reported while one `set` or `resize` runs; taken out before the owner hears of them. */
  private readonly evictions: [K, V][] = [];

  constructor(
    private readonly maxWeight: number,
    private readonly weigh: (value: V) => number = () => 1,
    /**
     * Told of every entry evicted to make room (not of deletes), for caches that hold parts of this
     * one's entries; called once this cache is consistent again, so it may use this cache too.
     */
    private readonly onEvict: (key: K) => void = () => undefined,
  ) {
    this.entries = new LRUCache<K, V>({
      maxSize: Math.max(1, Math.floor(maxWeight)),
      dispose: (value, key, reason) => {
        if (reason === 'evict') this.evictions.push([key, value]);
      },
    });
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): [K, V][] {
    return this.store(key, value, this.weigh(value));
  }

  /**
   * Keeps a value that is still loading, under the weight the cache gives it meanwhile: once in, it
   * weighs `weigh(loaded)` (when given); if it fails it is dropped, so the next read loads again.
   * Either only while the cache still holds this very load: a change may have dropped or replaced it.
   */
  keepLoading<T>(this: WeightedLru<K, Promise<T>>, key: K, loading: Promise<T>, weigh?: (loaded: T) => number): Promise<T> {
    this.set(key, loading);
    const stillKept = () => this.entries.peek(key) === loading;
    loading.then(
      (loaded) => weigh && stillKept() && this.resize(key, weigh(loaded)),
      () => stillKept() && this.delete(key),
    );
    return loading;
  }

  /** An entry whose weight is known only later (a value still loading) gets it here; nothing happens if it is gone. */
  resize(key: K, weight: number): [K, V][] {
    const value = this.entries.peek(key);
    if (value === undefined) return [];
    // lru-cache keeps the old size when the value it is given again is the same.
    this.entries.delete(key);
    return this.store(key, value, weight);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.entries.calculatedSize;
  }

  private store(key: K, value: V, weight: number): [K, V][] {
    const from = this.evictions.length;
    const size = Math.max(1, Math.ceil(weight));
    if (size > this.maxWeight) {
      this.entries.delete(key);
      this.evictions.push([key, value]);
    } else {
      this.entries.set(key, value, { size });
    }
    const evicted = this.evictions.splice(from);
    evicted.forEach(([evictedKey]) => this.onEvict(evictedKey));
    return evicted;
  }
}
