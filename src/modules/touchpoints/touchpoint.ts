import { holdsNul } from '../../common/json/holds-nul';
import type { DeliveryClaims } from '../delivery-tokens/delivery-token';

/** What a channel app saw happen to a rendering (or a customer's answer that had none). */
export enum TouchpointType {
  DELIVERED = 'DELIVERED',
  OPENED = 'OPENED',
  CLICKED = 'CLICKED',
  CONVERTED = 'CONVERTED',
  RESPONDED = 'RESPONDED',
  UNSUBSCRIBED = 'UNSUBSCRIBED',
  BOUNCED = 'BOUNCED',
}

/** Types that say the customer answered a theme: selection can skip it from then on (excludeAnsweredThemes). */
export const ANSWERING_TYPES: readonly TouchpointType[] = [TouchpointType.RESPONDED, TouchpointType.CONVERTED];

/** One accepted event, with the rendering's facts taken from its delivery token. */
export interface Touchpoint {
  eventId: string;
  type: TouchpointType;
  occurredAt: Date;
  customerId: string | null;
  channel: string;
  theme: string | null;
  itemId: string | null;
  itemVersion: number | null;
  variantId: string | null;
  experiment: string | null;
  arm: string | null;
  locale: string | null;
  personas: string[];
  value: number | null;
  currency: string | null;
  attributes: Record<string, unknown> | null;
}

/** What the hub checks an event against; everything but the token check is plain data. */
export interface TouchpointRules {
  now: Date;
  clockSkewSeconds: number;
  /** Events before this moment are older than the raw retention; null: any age. */
  oldestAccepted: Date | null;
  currency: string;
  channels: readonly string[];
  verifyToken(token: string): DeliveryClaims;
}

export type ParsedTouchpoint = { touchpoint: Touchpoint } | { reason: string };

const FIELDS = new Set(['eventId', 'type', 'occurredAt', 'deliveryToken', 'customerId', 'channel', 'theme', 'value', 'currency', 'attributes']);
const TYPES = new Set<string>(Object.values(TouchpointType));
const MAX_ID_LENGTH = 200;
const MAX_TOKEN_LENGTH = 2_000;
const MAX_ATTRIBUTES_BYTES = 4_096;
const MAX_VALUE = 1e12;
/** Nothing was rendered by the hub before this; an earlier date is a client's mistake. */
const EARLIEST = new Date('2000-01-01T00:00:00Z');
/** ISO 8601 with a date, a time and an offset: "2026-12-01T09:00:00Z", "2026-12-01T10:00:00.123+01:00". */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * One event as a channel app sent it, checked field by field: the touchpoint to store, or the
 * first reason it cannot be, in words the app's developer can act on.
 */
export function parseTouchpoint(raw: unknown, rules: TouchpointRules): ParsedTouchpoint {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { reason: 'an event must be a JSON object' };
  const event = raw as Record<string, unknown>;
  const unknown = Object.keys(event).find((key) => !FIELDS.has(key));
  if (unknown !== undefined) return { reason: `unknown field "${unknown.slice(0, 40)}"; an event has ${[...FIELDS].join(', ')}` };

  const eventId = identifier(event.eventId);
  if (eventId === null) return { reason: `eventId must be a string of 1 to ${MAX_ID_LENGTH} characters without control characters` };
  if (typeof event.type !== 'string' || !TYPES.has(event.type)) return { reason: `type must be one of ${[...TYPES].join(', ')}` };
  const type = event.type as TouchpointType;

  const occurredAt = instant(event.occurredAt);
  if (occurredAt === null) return { reason: 'occurredAt must be an ISO 8601 date and time with an offset, e.g. 2026-12-01T09:00:00Z' };
  if (occurredAt.getTime() > rules.now.getTime() + rules.clockSkewSeconds * 1000) {
    return { reason: `occurredAt is in the future (more than ${rules.clockSkewSeconds} s after the hub's clock)` };
  }
  if (occurredAt < EARLIEST) return { reason: `occurredAt is before ${EARLIEST.toISOString().slice(0, 10)}` };
  if (rules.oldestAccepted && occurredAt < rules.oldestAccepted) return { reason: `occurredAt is before ${rules.oldestAccepted.toISOString()}, older than the raw events this hub keeps` };

  const value = event.value ?? null;
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_VALUE)) return { reason: `value must be a number between -${MAX_VALUE} and ${MAX_VALUE}` };
  const currency = event.currency ?? null;
  if (currency !== null && value === null) return { reason: 'currency is given without a value' };
  if (currency !== null && currency !== rules.currency) return { reason: `this hub reports values in ${rules.currency}; convert the value before sending it (got currency ${String(currency).slice(0, 10)})` };

  const attributes = event.attributes ?? null;
  if (attributes !== null && (typeof attributes !== 'object' || Array.isArray(attributes))) return { reason: 'attributes must be a JSON object' };
  if (attributes !== null && Buffer.byteLength(JSON.stringify(attributes)) > MAX_ATTRIBUTES_BYTES) return { reason: `attributes are larger than ${MAX_ATTRIBUTES_BYTES} bytes as JSON` };
  if (attributes !== null && holdsNul(attributes)) return { reason: 'attributes may not contain the NUL character (\\u0000), in a key or a text' };

  const facts = renderingFacts(event, rules);
  if ('reason' in facts) return facts;
  return {
    touchpoint: {
      ...facts,
      eventId,
      type,
      occurredAt,
      value,
      currency: value === null ? null : rules.currency,
      attributes: attributes as Record<string, unknown> | null,
    },
  };
}

type RenderingFacts = Omit<Touchpoint, 'eventId' | 'type' | 'occurredAt' | 'value' | 'currency' | 'attributes'>;

/** Who, where and what: from the delivery token, or for an answer without a rendering from customerId, channel and theme. */
function renderingFacts(event: Record<string, unknown>, rules: TouchpointRules): RenderingFacts | { reason: string } {
  const customerId = event.customerId == null ? null : identifier(event.customerId);
  if (event.customerId != null && customerId === null) return { reason: `customerId must be a string of 1 to ${MAX_ID_LENGTH} characters` };
  const channel = event.channel ?? null;
  const theme = event.theme == null ? null : identifier(event.theme);
  if (event.theme != null && theme === null) return { reason: `theme must be a string of 1 to ${MAX_ID_LENGTH} characters` };

  if (event.deliveryToken == null) {
    if (customerId === null || channel === null || theme === null) return { reason: 'an event without a deliveryToken needs customerId, channel and theme' };
    if (typeof channel !== 'string' || !rules.channels.includes(channel)) return { reason: `channel must be one of ${rules.channels.join(', ')}` };
    return { customerId, channel, theme, itemId: null, itemVersion: null, variantId: null, experiment: null, arm: null, locale: null, personas: [] };
  }
  if (typeof event.deliveryToken !== 'string' || event.deliveryToken.length > MAX_TOKEN_LENGTH) return { reason: 'deliveryToken must be the string a rendering carried' };
  let claims: DeliveryClaims;
  try {
    claims = rules.verifyToken(event.deliveryToken);
  } catch (error) {
    return { reason: (error as Error).message };
  }
  // Tokens signed before the hub refused such customer ids and themes may still be reported on.
  if (holdsNul(claims.customerId) || holdsNul(claims.theme)) return { reason: 'the delivery token names a customer id or theme with a NUL character (\\u0000), which cannot be stored' };
  if (customerId !== null && claims.customerId !== null && customerId !== claims.customerId) return { reason: 'customerId is not the customer the delivery token was issued for' };
  if (channel !== null && channel !== claims.channel) return { reason: `channel differs from the delivery token's (${claims.channel})` };
  if (theme !== null && theme !== claims.theme) return { reason: `theme differs from the delivery token's (${claims.theme ?? 'none'})` };
  return {
    customerId: customerId ?? claims.customerId,
    channel: claims.channel,
    theme: claims.theme,
    itemId: claims.itemId,
    itemVersion: claims.itemVersion,
    variantId: claims.variantId,
    experiment: claims.experiment,
    arm: claims.arm,
    locale: claims.locale,
    personas: [...claims.personas].sort(),
  };
}

function identifier(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH && !CONTROL.test(value) ? value : null;
}

/** GraphQL hands a Date; NDJSON a string, which must spell out its offset so that no server clock decides it. */
function instant(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
