import { Module } from '@nestjs/common';
import { DeliveryTokensService } from './delivery-tokens.service';
import { HubSecretsRepository } from './hub-secrets.repository';

/** Signing the delivery token of every rendering, and reading the ones channel apps report touchpoints with. */
@Module({
  providers: [HubSecretsRepository, DeliveryTokensService],
  exports: [DeliveryTokensService],
})
export class DeliveryTokensModule {}
