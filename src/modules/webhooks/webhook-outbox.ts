import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboundEvent, OutboundEvents } from '../../common/outbox/outbound-events';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobQueue } from '../../database/job-queue.service';
import { orderingKey, WEBHOOK_QUEUE, WebhookJob } from './webhook-queue';
import { WebhooksRepository } from './webhooks.repository';

/**
 * The outbox behind OutboundEvents: one delivery job per subscribed webhook, written in the
 * transaction of the change, so a committed change always produces its event and a rolled-back
 * one never does.
 */
@Injectable()
export class WebhookOutbox implements OutboundEvents {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(manager: EntityManager, event: OutboundEvent): Promise<void> {
    const subscribers = await this.repository.subscribers(manager, event.type);
    if (subscribers.length === 0) return;
    const payload = { id: randomUUID(), type: event.type, occurredAt: new Date().toISOString(), data: { ...event.data, ...this.links(event.data) } };
    for (const webhook of subscribers) {
      const job: WebhookJob = { webhookId: webhook.id, event: payload };
      await this.jobs.sendWithin(manager, WEBHOOK_QUEUE, job, { singletonKey: orderingKey(webhook.id, event.subject) });
    }
  }

  /** Where a receiver fetches the item: POST contentItem(id) to the GraphQL endpoint; editors open the preview. */
  private links(data: Record<string, unknown>): Record<string, unknown> {
    if (typeof data.itemId !== 'string') return {};
    return { links: { graphql: `${this.config.publicUrl}/graphql`, preview: `${this.config.publicUrl}/preview/items/${data.itemId}` } };
  }
}
