import fc from 'fast-check';
import { WeightedLru } from './weighted-lru';

describe('WeightedLru', () => {
  it('evicts the least recently used first, and tells the owner', () => {
    const cache = new WeightedLru<string, number>(10, (bytes) => bytes);
    cache.set('a', 4);
    cache.set('b', 4);
    cache.get('a');
    expect(cache.set('c', 4)).toEqual([['b', 4]]);
    expect(cache.get('a')).toBe(4);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.weight).toBe(8);
  });

  it('tells a listener of each entry evicted to make room, also when a load grows, but not of deletes', async () => {
    const evicted: string[] = [];
    const cache = new WeightedLru<string, Promise<number>>(10, () => 1, (key) => evicted.push(key));
    await cache.keepLoading('a', Promise.resolve(4), (bytes) => bytes);
    await cache.keepLoading('b', Promise.resolve(4), (bytes) => bytes);
    cache.delete('a');
    await cache.keepLoading('c', Promise.resolve(4), (bytes) => bytes);
    await cache.keepLoading('d', Promise.resolve(5), (bytes) => bytes);
    expect(evicted).toEqual(['b']);
    expect(cache.get('b')).toBeUndefined();
  });

  it('never holds more than its maximum weight, and reports everything it let go of', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 60 })), { maxLength: 200 }), (writes) => {
        const cache = new WeightedLru<number, number>(50, (bytes) => bytes);
        const held = new Map<number, number>();
        for (const [key, bytes] of writes) {
          held.set(key, bytes);
          for (const [evicted] of cache.set(key, bytes)) held.delete(evicted);
          expect(cache.weight).toBeLessThanOrEqual(50);
          expect(cache.weight).toBe([...held.values()].reduce((sum, weight) => sum + weight, 0));
          expect(cache.size).toBe(held.size);
        }
      }),
    );
  });

  it('lets a listener use the cache it listens to, once the eviction is done', () => {
    const heard: string[] = [];
    const cache: WeightedLru<string, number> = new WeightedLru<string, number>(10, (bytes) => bytes, (key) => {
      heard.push(`${key}: ${cache.size} entries weighing ${cache.weight}`);
      if (key === 'a') cache.set('a-again', 1);
    });
    cache.set('a', 4);
    cache.set('b', 4);
    expect(cache.set('c', 4)).toEqual([['a', 4]]);
    expect(heard).toEqual(['a: 2 entries weighing 8']);
    expect(cache.weight).toBe(9);
    expect(cache.get('a-again')).toBe(1);
  });

  it('reports an entry heavier than the whole cache as evicted at once, keeping the others', () => {
    const evicted: string[] = [];
    const cache = new WeightedLru<string, number>(10, (bytes) => bytes, (key) => evicted.push(key));
    cache.set('a', 4);
    expect(cache.set('huge', 11)).toEqual([['huge', 11]]);
    expect(evicted).toEqual(['huge']);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toBe(4);
  });

  it('evicts the oldest first when every entry was read once', () => {
    const cache = new WeightedLru<number, number>(10_000);
    for (let key = 0; key < 10_000; key += 1) {
      cache.set(key, key);
      cache.get(key);
    }
    const evicted: number[] = [];
    for (let key = 10_000; key < 30_000; key += 1) evicted.push(...cache.set(key, key).map(([oldest]) => oldest));
    expect(evicted).toEqual(Array.from({ length: 20_000 }, (_unused, index) => index));
  });

  it('weighs a value once it has loaded, and forgets a failed or replaced load', async () => {
    const cache = new WeightedLru<string, Promise<string>>(100, () => 10);
    await cache.keepLoading('a', Promise.resolve('loaded'), () => 60);
    expect(cache.weight).toBe(60);
    const failing = cache.keepLoading('b', Promise.reject(new Error('database gone')));
    await expect(failing).rejects.toThrow('database gone');
    expect(cache.get('b')).toBeUndefined();
    let finish: (value: string) => void = () => undefined;
    const slow = cache.keepLoading('c', new Promise<string>((resolve) => (finish = resolve)), () => 90);
    cache.delete('c');
    finish('late');
    await slow;
    expect(cache.weight).toBe(60);
  });

  it('takes a weight learnt later, evicting others; the resized entry only when it alone is too heavy', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 60 })), { maxLength: 200 }), (operations) => {
        const cache = new WeightedLru<number, string>(50);
        for (const [resize, key, weight] of operations) {
          if (resize) {
            const present = cache.get(key) !== undefined;
            const evicted = cache.resize(key, weight).map(([evictedKey]) => evictedKey);
            if (present) expect(cache.get(key) === 'loaded').toBe(weight <= 50);
            expect(evicted.includes(key)).toBe(present && weight > 50);
          } else cache.set(key, 'loaded');
          expect(cache.weight).toBeLessThanOrEqual(50);
        }
      }),
    );
  });
});
