/**
 * `compute`, done once per object for as long as that object lives: for what is derived from
 * objects that do not change once made (a cached persona list, a parsed document), so a new
 * object is a new computation and nothing is ever stale.
 */
export function rememberPerObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const remembered = new WeakMap<K, V>();
  return (key) => {
    if (remembered.has(key)) return remembered.get(key) as V;
    const value = compute(key);
    remembered.set(key, value);
    return value;
  };
}
