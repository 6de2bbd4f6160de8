import type { Queue } from 'pg-boss';
import type { WebhookSettings } from '../../config/app-config';
import type { WebhookEvent } from './webhook-record';
import { MAX_ATTEMPTS, MAX_RETRY_DELAY_S } from './webhook-retry';

export const WEBHOOK_QUEUE = 'webhook-delivery';

/** One job: one event for one webhook. The webhook's URL and secret are read at each attempt, so a change applies at once. */
export interface WebhookJob {
  webhookId: string;
  event: WebhookEvent;
}

/**
 * Jobs of one key run strictly one after another, and a job waiting for its retry holds back the
 * later ones: a receiver gets an item's events in the order they happened.
 */
export function orderingKey(webhookId: string, subject: string): string {
  return `${webhookId}:${subject}`;
}

export function webhookQueueOptions(settings: WebhookSettings): Omit<Queue, 'name'> {
  return {
    policy: 'key_strict_fifo',
    retryLimit: MAX_ATTEMPTS,
    retryDelay: Math.ceil(settings.retryBaseMs / 1000),
    retryBackoff: true,
    retryDelayMax: MAX_RETRY_DELAY_S,
    // An instance killed mid-delivery stops sending heartbeats: its job is retried elsewhere within seconds.
    heartbeatSeconds: 10,
    expireInSeconds: Math.ceil(settings.timeoutMs / 1000) + 30,
  };
}
