import { hash } from 'node:crypto';

export interface SelectableVariant {
  id: string;
  channel: string;
  personaTags: string[];
  locale: string | null;
  experimentKey: string | null;
  experimentWeight: number | null;
  label: string | null;
  createdAt: Date;
}

export interface VariantChoice<V extends SelectableVariant> {
  /** null: no hand-written variant applies, render automatically. */
  variant: V | null;
  experiment: string | null;
  arm: string | null;
  /** How the arm was chosen: drawn by customer hash, at random without a customerId, or the winner of a concluded experiment. */
  assignment: 'customer' | 'random' | 'concluded' | null;
}

/**
 * Step 4 of selection (README.md beside this file): a hand-written variant for (channel, persona, locale) beats the automatic
 * rendering; targeted beats untargeted, the item's own locale beats "any locale". When the best
 * variant is an experiment arm, the arm is drawn among that experiment's applicable arms by weight,
 * unless the experiment was concluded: then everyone gets its winning arm.
 */
export function chooseVariant<V extends SelectableVariant>(
  variants: V[],
  request: { channel: string; locale: string; personas: string[]; customerId: string | undefined; concluded?: ReadonlyMap<string, string> },
  random: () => number = Math.random,
): VariantChoice<V> {
  const personas = new Set(request.personas);
  const applicable = variants
    .filter((variant) => variant.channel === request.channel)
    .filter((variant) => variant.locale === null || variant.locale === request.locale)
    .filter((variant) => variant.personaTags.length === 0 || variant.personaTags.some((tag) => personas.has(tag)));
  if (applicable.length === 0) return { variant: null, experiment: null, arm: null, assignment: null };
  const rank = (variant: V) => (variant.personaTags.length > 0 ? 2 : 0) + (variant.locale !== null ? 1 : 0);
  applicable.sort((a, b) => rank(b) - rank(a) || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  const [best] = applicable;
  if (!best.experimentKey) return { variant: best, experiment: null, arm: null, assignment: null };
  const arms = applicable.filter((variant) => variant.experimentKey === best.experimentKey && rank(variant) === rank(best));
  const winner = request.concluded?.get(best.experimentKey);
  const concluded = winner === undefined ? undefined : arms.find((arm) => armName(arm) === winner);
  if (concluded) return { variant: concluded, experiment: best.experimentKey, arm: winner!, assignment: 'concluded' };
  const point = request.customerId === undefined ? random() : stableFraction(`${request.customerId}\u0000${best.experimentKey}`);
  const chosen = pickByWeight(arms, point);
  return { variant: chosen, experiment: best.experimentKey, arm: armName(chosen), assignment: request.customerId === undefined ? 'random' : 'customer' };
}

/** An arm is called by its variant's label, else by the variant's id. */
export function armName(variant: SelectableVariant): string {
  return variant.label ?? variant.id;
}

/** A number in [0, 1) that depends only on `seed`: the same customer lands in the same arm forever. */
export function stableFraction(seed: string): number {
  return hash('sha256', seed, 'buffer').readUInt32BE(0) / 0x1_0000_0000;
}

/** Arms are ordered by id so that adding or reordering rows in storage does not move customers. */
export function pickByWeight<V extends { id: string; experimentWeight: number | null }>(arms: V[], point: number): V {
  const ordered = [...arms].sort((a, b) => (a.id < b.id ? -1 : 1));
  const total = ordered.reduce((sum, arm) => sum + Math.max(arm.experimentWeight ?? 1, 0), 0);
  let threshold = point * total;
  for (const arm of ordered) {
    threshold -= Math.max(arm.experimentWeight ?? 1, 0);
    if (threshold < 0) return arm;
  }
  return ordered[ordered.length - 1];
}
