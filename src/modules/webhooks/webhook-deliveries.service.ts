import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Job } from 'pg-boss';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobQueue } from '../../database/job-queue.service';
import { WebhookSender } from './webhook-sender';
import { signWebhook } from './webhook-signature';
import { afterFailure, RETRY_WINDOW_MS } from './webhook-retry';
import { WEBHOOK_QUEUE, WebhookJob, webhookQueueOptions } from './webhook-queue';
import { WebhooksRepository } from './webhooks.repository';

/** A failed attempt, handed back to the job queue so it retries the job later. */
class DeliveryFailedError extends Error {}

/**
 * Works the delivery queue on every instance: one signed POST per attempt, each attempt logged;
 * a failure is retried with growing delays for up to a day, and a webhook that has failed for a
 * whole day is disabled.
 */
@Injectable()
export class WebhookDeliveriesService implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly sender: WebhookSender,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.run<WebhookJob>({
      name: WEBHOOK_QUEUE,
      options: webhookQueueOptions(this.config.webhooks),
      concurrency: this.config.webhooks.concurrency,
      pollingIntervalSeconds: 1,
      handle: (job) => this.deliver(job),
    });
  }

  async deliver(job: Job<WebhookJob>): Promise<void> {
    const { webhookId, event } = job.data;
    const webhook = await this.repository.find(webhookId);
    // Deleted or disabled since the event: nothing to deliver, and nothing left to hold back.
    if (!webhook || !webhook.enabled) return;
    const attempt = job.retryCount + 1;
    const body = JSON.stringify(event);
    const timestamp = Math.floor(Date.now() / 1000);
    const outcome = await this.sender.post(webhook.url, body, {
      'facet-event-id': event.id,
      'facet-event': event.type,
      'facet-timestamp': String(timestamp),
      'facet-signature': signWebhook(webhook.secret, timestamp, body),
      'facet-attempt': String(attempt),
    });
    const delivered = outcome.error === null;
    await this.repository.recordAttempt(webhookId, { eventId: event.id, event: event.type, attempt, statusCode: outcome.statusCode, durationMs: outcome.durationMs, deliveredAt: delivered ? new Date() : null, error: outcome.error });
    if (delivered) return this.repository.markHealthy(webhookId);

    const failingSince = (await this.repository.markFailing(webhookId)) ?? new Date();
    const verdict = afterFailure({ now: new Date(), failingSince, occurredAt: new Date(event.occurredAt), attempt });
    if (verdict === 'disable') {
      const reason = `Disabled at ${new Date().toISOString()}: every delivery since ${failingSince.toISOString()} failed (last: ${outcome.error}). Fix the receiver, then updateWebhook(enabled: true).`;
      this.logger.warn(`Webhook ${webhookId} ${reason}`);
      return this.repository.disable(webhookId, RETRY_WINDOW_MS, reason);
    }
    if (verdict === 'give up') {
      this.logger.warn(`Webhook ${webhookId}: event ${event.id} (${event.type}) given up after ${attempt} attempts over ${RETRY_WINDOW_MS / 3_600_000} hours (last: ${outcome.error})`);
      return;
    }
    throw new DeliveryFailedError(`Webhook ${webhookId}: attempt ${attempt} of event ${event.id} failed: ${outcome.error}`);
  }
}
