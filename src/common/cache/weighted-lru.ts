/**
 * The hub's one bounded cache: entries weigh something (1 for a count, bytes for a size), and
 * the least recently used go first once the total passes `maxWeight`. `set` returns what it
 * evicted, so the owner can release what those entries stand for (files on disk).
 *
 * Recency is kept the second-chance way (CLOCK): a read only marks its entry, and eviction sends
 * a marked entry to the back once instead of evicting it. Moving the entry to the back of the Map
 * on every read made reads of a large, busy cache the hub's hottest code (measured: 2.4 µs per
 * read at 100,000 entries, 0.13 µs this way).
 */
export class WeightedLru<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number; used: boolean }>();
  private total = 0;

  constructor(
    private readonly maxWeight: number,
    private readonly weigh: (value: V) => number = () => 1,
    /** Told of every entry evicted to make room (not of deletes), for caches that hold parts of this one's entries. */
    private readonly onEvict: (key: K) => void = () => undefined,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.used = true;
    return entry.value;
  }

  set(key: K, value: V): [K, V][] {
    this.delete(key);
    const weight = this.weigh(value);
    this.entries.set(key, { value, weight, used: false });
    this.total += weight;
    return this.evict(key);
  }

  /**
   * Keeps a value that is still loading, under the weight the cache gives it meanwhile: once in, it
   * weighs `weigh(loaded)` (when given); if it fails it is dropped, so the next read loads again.
   * Either only while the cache still holds this very load: a change may have dropped or replaced it.
   */
  keepLoading<T>(this: WeightedLru<K, Promise<T>>, key: K, loading: Promise<T>, weigh?: (loaded: T) => number): Promise<T> {
    this.set(key, loading);
    const stillKept = () => this.entries.get(key)?.value === loading;
    loading.then(
      (loaded) => weigh && stillKept() && this.resize(key, weigh(loaded)),
      () => stillKept() && this.delete(key),
    );
    return loading;
  }

  /** An entry whose weight is known only later (a value still loading) gets it here; nothing happens if it is gone. */
  resize(key: K, weight: number): [K, V][] {
    const entry = this.entries.get(key);
    if (!entry) return [];
    this.total += weight - entry.weight;
    entry.weight = weight;
    return this.evict(key);
  }

  /** The oldest unread entries, until the total fits again; `keep` (just written) stays even if alone too heavy. */
  private evict(keep: K): [K, V][] {
    const evicted: [K, V][] = [];
    // An entry sent to the back is met again later in the same loop, unmarked then.
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxWeight) break;
      if (oldest === keep) continue;
      this.entries.delete(oldest);
      if (entry.used) {
        entry.used = false;
        this.entries.set(oldest, entry);
        continue;
      }
      this.total -= entry.weight;
      evicted.push([oldest, entry.value]);
      this.onEvict(oldest);
    }
    return evicted;
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.weight;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.total;
  }
}
