import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `Facet-Signature` header: `v1=` + hex HMAC-SHA256 of `${timestamp}.${rawBody}` with the
 * webhook's secret. Signing the timestamp with the body lets a receiver refuse old replays.
 */
export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** What a receiver does (the README shows the same in a snippet): recompute and compare in constant time. */
export function verifyWebhook(secret: string, timestamp: number, rawBody: string, header: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
