import { AssetEntity } from './asset.entity';
import { AssetModel } from './asset.model';
import { RENDITION_PROFILES } from './image-processor';

export function toAssetModel(asset: AssetEntity, renditionUrl: (id: string, profile: string) => string): AssetModel {
  const renditions = Object.fromEntries(Object.keys(RENDITION_PROFILES).map((profile) => [profile, renditionUrl(asset.id, profile)])) as unknown as AssetModel['renditions'];
  return { ...asset, renditions };
}
