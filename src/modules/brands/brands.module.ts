import { Module } from '@nestjs/common';
import { BrandsRepository } from './brands.repository';
import { BrandsResolver } from './brands.resolver';
import { BrandsService } from './brands.service';

/** Brand settings per theme and locale: sender block, footer, legal line, unsubscribe text. */
@Module({
  providers: [BrandsRepository, BrandsService, BrandsResolver],
  exports: [BrandsService],
})
export class BrandsModule {}
