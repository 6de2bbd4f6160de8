import { createHash, createHmac, createSecretKey, KeyObject, timingSafeEqual } from 'node:crypto';
import { BadUserInputError } from '../../common/errors/domain-errors';

/** What a delivery token says about one rendering: enough to attribute a touchpoint without storing the rendering. */
export interface DeliveryClaims {
  itemId: string;
  itemVersion: number;
  variantId: string | null;
  experiment: string | null;
  arm: string | null;
  channel: string;
  locale: string;
  personas: string[];
  customerId: string | null;
  /** The item's theme when it was rendered, so KPIs per theme need no lookup. */
  theme: string | null;
  /** Unix seconds. */
  issuedAt: number;
}

const VERSION = 'dt1';
const SIGNATURE_BYTES = 16;

/**
 * Compact signed tokens: `dt1.<key id>.<claims>.<signature>`, claims a base64url JSON array in a
 * fixed order, signature the first 16 bytes of HMAC-SHA256 over everything before it. Signed with
 * the first key; every key verifies, so a secret can be rotated without refusing tokens already
 * handed out.
 */
export class DeliveryTokenCodec {
  private readonly keys: { id: string; secret: KeyObject }[];

  constructor(secrets: string[]) {
    if (secrets.length === 0) throw new Error('DeliveryTokenCodec needs at least one secret');
    // A KeyObject made once: HMAC over a raw Buffer key imports the key again on every call (several times slower).
    this.keys = secrets.map((secret) => ({ id: createHash('sha256').update(secret).digest('hex').slice(0, 8), secret: createSecretKey(Buffer.from(secret)) }));
  }

  sign(claims: DeliveryClaims): string {
    const [key] = this.keys;
    const payload = Buffer.from(
      JSON.stringify([claims.itemId, claims.itemVersion, claims.variantId, claims.experiment, claims.arm, claims.channel, claims.locale, claims.personas, claims.customerId, claims.issuedAt, claims.theme]),
    ).toString('base64url');
    const signed = `${VERSION}.${key.id}.${payload}`;
    return `${signed}.${signature(key.secret, signed).toString('base64url')}`;
  }

  /** The claims of a token this hub signed; anything else (tampered, foreign, truncated) is refused. */
  verify(token: string): DeliveryClaims {
    const parts = typeof token === 'string' ? token.split('.') : [];
    const key = parts.length === 4 && parts[0] === VERSION ? this.keys.find((candidate) => candidate.id === parts[1]) : undefined;
    if (!key) throw new BadUserInputError('The delivery token was not issued by this hub', 'deliveryToken');
    const expected = signature(key.secret, parts.slice(0, 3).join('.'));
    const given = Buffer.from(parts[3], 'base64url');
    // Only the canonical base64url spelling counts: its padding bits could otherwise be changed unseen.
    const canonical = given.toString('base64url') === parts[3] && Buffer.from(parts[2], 'base64url').toString('base64url') === parts[2];
    if (!canonical || given.length !== expected.length || !timingSafeEqual(given, expected)) throw new BadUserInputError('The delivery token has been altered', 'deliveryToken');
    const [itemId, itemVersion, variantId, experiment, arm, channel, locale, personas, customerId, issuedAt, theme] = JSON.parse(Buffer.from(parts[2], 'base64url').toString('utf8')) as [
      string, number, string | null, string | null, string | null, string, string, string[], string | null, number, string | null | undefined,
    ];
    return { itemId, itemVersion, variantId, experiment, arm, channel, locale, personas, customerId, issuedAt, theme: theme ?? null };
  }
}

function signature(secret: KeyObject, signed: string): Buffer {
  return createHmac('sha256', secret).update(signed).digest().subarray(0, SIGNATURE_BYTES);
}
