import DataLoader from 'dataloader';

const LOADERS = Symbol('facet:loaders');

/**
 * One DataLoader per (request, name): field resolvers of a page of items share it, so N items
 * cost one query instead of N. `context` is the GraphQL context object of the request.
 */
export function requestLoader<K, V>(context: object, name: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  const holder = context as { [LOADERS]?: Map<string, DataLoader<unknown, unknown>> };
  holder[LOADERS] ??= new Map();
  let loader = holder[LOADERS].get(name) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
    holder[LOADERS].set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/** Groups rows by a key in the order DataLoader asked for, with an empty list where none matched. */
export function groupInOrder<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}
