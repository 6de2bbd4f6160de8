import { Type } from '@nestjs/common';
import { objectTypeFromParts } from '../../graphql/object-type-from-parts';

let renditionsType: Type<unknown> | undefined;

/** `AssetRenditions { original email tweet … }`: one URL field per profile the registered channels declare, made at start-up. */
export function defineAssetRenditionsType(profiles: string[]): Type<unknown> {
  renditionsType = objectTypeFromParts('AssetRenditions', Object.fromEntries(profiles.map((profile) => [profile, { type: 'String' as const }])), {
    description: 'URLs of the channel renditions (served without a key)',
  });
  return renditionsType;
}

export function assetRenditionsType(): Type<unknown> {
  if (!renditionsType) throw new Error('AssetRenditions is defined at start-up from the registered channels, before the schema is built');
  return renditionsType;
}
