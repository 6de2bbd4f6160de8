import { Module } from '@nestjs/common';
import { KpisResolver } from './kpis.resolver';
import { KpisService } from './kpis.service';

/** Reports over the touchpoint rollups: per theme, channel, persona, arm, locale and period. */
@Module({
  providers: [KpisService, KpisResolver],
  exports: [KpisService],
})
export class KpisModule {}
