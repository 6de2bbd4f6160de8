import { Module } from '@nestjs/common';
import { DeliveryTokensModule } from '../delivery-tokens/delivery-tokens.module';
import { CustomerHistoryService } from './customer-history.service';
import { TouchpointPartitions } from './touchpoint-partitions';
import { TouchpointsController } from './touchpoints.controller';
import { TouchpointsRepository } from './touchpoints.repository';
import { TouchpointsResolver } from './touchpoints.resolver';
import { TouchpointsService } from './touchpoints.service';

/** The loop's intake: touchpoints from every channel, stored with their rollups, and each customer's history. */
@Module({
  imports: [DeliveryTokensModule],
  controllers: [TouchpointsController],
  providers: [TouchpointsRepository, TouchpointPartitions, TouchpointsService, CustomerHistoryService, TouchpointsResolver],
  exports: [TouchpointsService, CustomerHistoryService],
})
export class TouchpointsModule {}
