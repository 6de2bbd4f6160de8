/**
 * Roughly the heap bytes a plain value holds, for caches that are bounded by memory rather than by
 * entry count: V8 keeps most strings at 1 byte per character (2 for non-Latin-1), objects cost
 * a header plus a slot per property. A Buffer counts its bytes. Shared objects are counted once.
 */
export function approximateBytes(value: unknown): number {
  const seen = new Set<object>();
  const pending: unknown[] = [value];
  let bytes = 0;
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') bytes += STRING_HEADER + next.length * 2;
    else if (typeof next === 'number' || typeof next === 'boolean' || typeof next === 'bigint') bytes += SLOT;
    else if (typeof next === 'object' && next !== null && !seen.has(next)) {
      seen.add(next);
      if (Buffer.isBuffer(next)) bytes += OBJECT_HEADER + next.byteLength;
      else if (next instanceof Date) bytes += OBJECT_HEADER + SLOT;
      else if (Array.isArray(next)) {
        bytes += OBJECT_HEADER + next.length * SLOT;
        pending.push(...next);
      } else {
        const entries = Object.entries(next);
        bytes += OBJECT_HEADER + entries.length * SLOT * 2;
        for (const [key, property] of entries) pending.push(key, property);
      }
    }
  }
  return bytes;
}

const SLOT = 8;
const STRING_HEADER = 16;
const OBJECT_HEADER = 32;
