/** Every field of the selector, in a fixed order, lists sorted: a selector field added later gets its own cache entries without an edit here. */
export function selectorKey(selector: object): string {
  const entries = Object.entries(selector)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => [name, Array.isArray(value) ? [...value].sort() : value] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(entries);
}
