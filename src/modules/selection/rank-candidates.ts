export interface SelectableItem {
  id: string;
  locale: string;
  status: string;
  validFrom: Date | null;
  validUntil: Date | null;
  channels: string[];
  personaTags: string[];
  journeyStages: string[];
  priority: number;
  updatedAt: Date;
}

export interface SelectionCriteria {
  /** Matched persona keys. */
  personas: string[];
  localeChain: string[];
  channel: string | null;
  journeyStage: string | null;
  now: Date;
  /** Previews may rank drafts too. */
  includeDrafts: boolean;
}

export interface RankedCandidate<T extends SelectableItem> {
  item: T;
  /** Index in the locale chain: 0 is the requested locale itself. */
  localeRank: number;
  targeted: boolean;
  journeyMatch: boolean;
  /** targeted × 10,000 + journey match × 1,000 + priority: one number for the explanation. */
  score: number;
}

/**
 * DESIGN.md §4 steps 1–3: keep what may be sent now, then order by locale (the requested one
 * before its fallbacks), persona targeting, journey stage, priority, recency, and finally id so
 * that equal input always gives an equal answer.
 */
export function rankCandidates<T extends SelectableItem>(items: T[], criteria: SelectionCriteria): RankedCandidate<T>[] {
  const personas = new Set(criteria.personas);
  const ranked: RankedCandidate<T>[] = [];
  for (const item of items) {
    if (item.status !== 'PUBLISHED' && !(criteria.includeDrafts && item.status === 'DRAFT')) continue;
    if (item.validFrom && item.validFrom > criteria.now) continue;
    if (item.validUntil && item.validUntil <= criteria.now) continue;
    if (criteria.channel && item.channels.length > 0 && !item.channels.includes(criteria.channel)) continue;
    const localeRank = criteria.localeChain.indexOf(item.locale);
    if (localeRank < 0) continue;
    const targeted = item.personaTags.some((tag) => personas.has(tag));
    if (item.personaTags.length > 0 && !targeted) continue;
    const journeyMatch = criteria.journeyStage !== null && item.journeyStages.includes(criteria.journeyStage);
    ranked.push({ item, localeRank, targeted, journeyMatch, score: (targeted ? 10_000 : 0) + (journeyMatch ? 1_000 : 0) + item.priority });
  }
  return ranked.sort(compareCandidates);
}

export function compareCandidates<T extends SelectableItem>(a: RankedCandidate<T>, b: RankedCandidate<T>): number {
  return (
    a.localeRank - b.localeRank ||
    Number(b.targeted) - Number(a.targeted) ||
    Number(b.journeyMatch) - Number(a.journeyMatch) ||
    b.item.priority - a.item.priority ||
    b.item.updatedAt.getTime() - a.item.updatedAt.getTime() ||
    (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0)
  );
}

/** Why the winner beat the runner-up: the first rule that told them apart, in words. */
export function explainRanking<T extends SelectableItem>(winner: RankedCandidate<T>, runnerUp: RankedCandidate<T> | undefined, localeChain: string[]): string {
  if (!runnerUp) return 'the only message that fits this customer, channel and moment';
  if (winner.localeRank !== runnerUp.localeRank) {
    return `written in ${winner.item.locale}, closer to the requested ${localeChain[0]} than the runner-up's ${runnerUp.item.locale}`;
  }
  if (winner.targeted !== runnerUp.targeted) {
    return `targeted at ${winner.item.personaTags.join(', ')}, a matching persona; the runner-up is for everyone`;
  }
  if (winner.journeyMatch !== runnerUp.journeyMatch) return "it matches the customer's journey stage; the runner-up does not";
  if (winner.item.priority !== runnerUp.item.priority) return `higher priority (${winner.item.priority} against ${runnerUp.item.priority})`;
  if (winner.item.updatedAt.getTime() !== runnerUp.item.updatedAt.getTime()) return 'equal in targeting and priority, and more recently updated';
  return 'equal in every respect; the lower id wins so that the answer is stable';
}
