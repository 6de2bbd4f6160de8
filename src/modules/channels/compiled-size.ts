import { approximateBytes } from '../../common/cache/approximate-size';
import { TokenTemplate } from './personalisation/liquid-sandbox';

/** A compiled rendering's own objects: its fill closure and the context the closure keeps. */
const COMPILED_RENDERING_BYTES = 256;

/**
 * Roughly the heap bytes a compiled rendering keeps, given what its `fill` reads: parsed
 * templates, compiled renderings it fills in turn, lists of those, and plain values.
 */
export function retainedBytes(...held: unknown[]): number {
  return held.reduce<number>((sum, part) => sum + bytesOf(part), COMPILED_RENDERING_BYTES);
}

function bytesOf(part: unknown): number {
  if (part instanceof TokenTemplate) return part.approximateBytes;
  if (Array.isArray(part)) return part.reduce<number>((sum, element) => sum + bytesOf(element), 0);
  const declared = (part as { approximateBytes?: unknown } | null)?.approximateBytes;
  return typeof declared === 'number' ? declared : approximateBytes(part);
}
