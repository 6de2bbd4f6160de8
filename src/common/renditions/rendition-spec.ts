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

/** The uploaded file itself, served as a profile beside those the channels declare. */
export const ORIGINAL_PROFILE = 'original';

/** Every profile the hub serves: the original and each one a channel declared. */
export function servedProfiles(declared: Record<string, RenditionSpec>): Record<string, RenditionSpec> {
  return { [ORIGINAL_PROFILE]: {}, ...declared };
}
