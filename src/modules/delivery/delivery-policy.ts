import { CustomerAttributes, CustomerContext } from '../../common/customer-context';
import { BadUserInputError, ForbiddenError } from '../../common/errors/domain-errors';
import { canReadDrafts, Principal } from '../auth/principal';
import { normalizeLocale } from '../selection/locale-chain';
import type { CustomerContextInput } from './graphql/customer-context.input';

/** A channel app's clock may run a little ahead of the hub's. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** A context's attributes are a customer's profile, not a payload: bounded in size and depth. */
const MAX_ATTRIBUTES_BYTES = 16_384;
const MAX_ATTRIBUTES_DEPTH = 8;

/**
 * Whether this request may preview (drafts, old revisions, a future `now`): PREVIEW and above
 * only. Looking ahead would show a DELIVERY key what is scheduled.
 */
export function checkPreview(input: { preview?: boolean; revision?: number; itemId?: string | null; context?: { now?: Date } }, principal: Principal): boolean {
  const preview = input.preview === true;
  if (preview && !canReadDrafts(principal)) throw new ForbiddenError('Previewing drafts needs a PREVIEW, EDITOR or ADMIN key');
  if (!canReadDrafts(principal) && input.context?.now && input.context.now.getTime() > Date.now() + CLOCK_SKEW_MS) {
    throw new ForbiddenError('A DELIVERY key may not set context.now in the future; use a PREVIEW key to look ahead', { path: 'input.context.now' });
  }
  if (input.revision !== undefined && (!preview || !input.itemId)) throw new BadUserInputError('input.revision needs itemId and preview: true', 'input.revision');
  return preview;
}

/** The context as selection reads it, with its attributes checked and defaults filled in. */
export function normalizeContext(input: CustomerContextInput): CustomerContext {
  checkAttributes(input.attributes);
  if (input.excludeAnsweredThemes && !input.customerId) throw new BadUserInputError('excludeAnsweredThemes needs customerId: answers are known per customer', 'input.context.excludeAnsweredThemes');
  return {
    customerId: input.customerId,
    personas: input.personas ?? [],
    attributes: (input.attributes ?? {}) as CustomerAttributes,
    locale: input.locale ? normalizeLocale(input.locale) : undefined,
    consents: input.consents ?? [],
    journeyStage: input.journeyStage,
    now: input.now ?? new Date(),
    excludeAnsweredThemes: input.excludeAnsweredThemes === true,
  };
}

function checkAttributes(attributes: unknown): void {
  if (attributes === undefined || attributes === null) return;
  if (typeof attributes !== 'object' || Array.isArray(attributes)) throw new BadUserInputError('context.attributes must be an object', 'input.context.attributes');
  if (depthOf(attributes, MAX_ATTRIBUTES_DEPTH + 1) > MAX_ATTRIBUTES_DEPTH) {
    throw new BadUserInputError(`context.attributes is nested more than ${MAX_ATTRIBUTES_DEPTH} levels deep`, 'input.context.attributes');
  }
  const bytes = Buffer.byteLength(JSON.stringify(attributes));
  if (bytes > MAX_ATTRIBUTES_BYTES) {
    throw new BadUserInputError(`context.attributes is ${bytes} bytes; the limit is ${MAX_ATTRIBUTES_BYTES}`, 'input.context.attributes', { limit: MAX_ATTRIBUTES_BYTES });
  }
}

/** How deep a JSON value nests, counting no further than `stopAt`. */
function depthOf(value: unknown, stopAt: number): number {
  if (typeof value !== 'object' || value === null || stopAt === 0) return 0;
  let deepest = 0;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, stopAt - 1));
    if (deepest + 1 >= stopAt) break;
  }
  return deepest + 1;
}
