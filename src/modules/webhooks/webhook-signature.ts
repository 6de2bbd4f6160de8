import { createHmac } from 'node:crypto';

/**
 * The `Facet-Signature` header: `v1=` + hex HMAC-SHA256 of `${timestamp}.${rawBody}` with the
 * webhook's secret. Signing the timestamp with the body lets a receiver refuse old replays.
 */
export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}
