import { AssetEntity } from './asset.entity';
import { AssetModel } from './asset.model';

export function toAssetModel(asset: AssetEntity, renditions: Record<string, string>): AssetModel {
  return { ...asset, renditions };
}
