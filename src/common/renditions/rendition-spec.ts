export type RenditionFormat = 'jpeg' | 'png' | 'webp' | 'avif';
export type RenditionFit = 'cover' | 'contain' | 'inside' | 'outside' | 'fill';

/**
 * An image rendition a channel needs, by profile name: channels declare these, the assets module
 * makes and serves them (`GET /assets/{id}/{profile}`). Plain data, shared by both sides.
 */
export interface RenditionSpec {
  width?: number;
  height?: number;
  format?: RenditionFormat;
  fit?: RenditionFit;
  /** Flatten onto white (print has no transparency). */
  flatten?: boolean;
  /** Largest acceptable size; quality steps down until it fits (email). */
  maxBytes?: number;
  quality?: number;
}
