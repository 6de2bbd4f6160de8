import { Global, Module } from '@nestjs/common';
import { KNOWN_ASSETS } from '../content/content-ports';
import { AssetsRepository } from './assets.repository';

/**
 * Content's KnownAssets port, global and apart from AssetsModule: assets build on content (an
 * image in use is not deleted), so content reaches back only through this port.
 */
@Global()
@Module({
  providers: [AssetsRepository, { provide: KNOWN_ASSETS, useExisting: AssetsRepository }],
  exports: [KNOWN_ASSETS],
})
export class AssetLookupModule {}
