/**
 * Where asset bytes live. The hub ships a local-disk store; an S3-compatible store is one more
 * class implementing this. Keys are opaque strings chosen by the hub.
 *
 * Example:
 * ```ts
 * class S3Storage implements AssetStorage {
 *   async put(key: string, data: Buffer) { await s3.putObject({ Bucket, Key: key, Body: data }); }
 *   …
 * }
 * ```
 */
export interface AssetStorage {
  /** Stores the bytes atomically: readers see the whole object or nothing. */
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes, or null when there is no such object. */
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Every object under a key prefix with its size, least recently written first (for cache bookkeeping at start-up). */
  list(prefix: string): Promise<{ key: string; bytes: number }[]>;
}

export const ASSET_STORAGE = Symbol('ASSET_STORAGE');
