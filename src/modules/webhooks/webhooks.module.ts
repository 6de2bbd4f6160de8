import { Global, Module } from '@nestjs/common';
import { OUTBOUND_EVENTS } from '../../common/outbox/outbound-events';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookSender } from './webhook-sender';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksResolver } from './webhooks.resolver';
import { WebhooksService } from './webhooks.service';

/** Outbound events: the outbox every module records its changes in, and signed webhook deliveries with retries. */
@Global()
@Module({
  providers: [WebhooksRepository, WebhookOutbox, { provide: OUTBOUND_EVENTS, useExisting: WebhookOutbox }, WebhookSender, WebhookDeliveriesService, WebhooksService, WebhooksResolver],
  exports: [OUTBOUND_EVENTS],
})
export class WebhooksModule {}
