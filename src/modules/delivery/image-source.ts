import { AssetEntity } from '../assets/asset.entity';

/**
 * What rendering needs of stored images: the asset (for its alt texts), a rendition's bytes (to
 * embed in print) and every rendition's URL. The assets module provides it; rendering depends on
 * this port only, so a different image store is one more provider.
 */
export interface ImageSource {
  get(assetId: string): Promise<Pick<AssetEntity, 'id' | 'alt'>>;
  rendition(assetId: string, profile: string, query: Record<string, never>): Promise<{ data: Buffer }>;
  renditionUrls(assetId: string): Record<string, string>;
}

export const IMAGE_SOURCE = Symbol('IMAGE_SOURCE');
