export interface SelectableItem {
  id: string;
  locale: string;
  theme: string | null;
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
  /** Themes the customer already answered, when the context asks to skip them (excludeAnsweredThemes). */
  answeredThemes?: readonly string[];
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
 * Steps 1–3 of selection (README.md beside this file): keep what may be sent now, then order by locale (the requested one
 * before its fallbacks), persona targeting, journey stage, priority, recency, and finally id so
 * that equal input always gives an equal answer.
 */
export function rankCandidates<T extends SelectableItem>(items: T[], criteria: SelectionCriteria): RankedCandidate<T>[] {
  const personas = new Set(criteria.personas);
  const ranked: RankedCandidate<T>[] = [];
  for (const item of items) {
    if (whyExcluded(item, criteria, personas)) continue;
    const targeted = item.personaTags.some((tag) => personas.has(tag));
    const journeyMatch = criteria.journeyStage !== null && item.journeyStages.includes(criteria.journeyStage);
    ranked.push({ item, localeRank: criteria.localeChain.indexOf(item.locale), targeted, journeyMatch, score: (targeted ? 10_000 : 0) + (journeyMatch ? 1_000 : 0) + item.priority });
  }
  return ranked.sort(compareCandidates);
}

/** The rule that keeps an item out of the ranking; one list of rules serves ranking and the NOT_FOUND message. */
export interface Exclusion {
  rule: 'status' | 'validity' | 'channel' | 'locale' | 'personas' | 'answered';
  /** In words, without dates: a DELIVERY key must not learn a schedule from a refusal. */
  detail: string;
}

export function whyExcluded(item: SelectableItem, criteria: SelectionCriteria, personas: ReadonlySet<string> = new Set(criteria.personas)): Exclusion | null {
  if (item.status !== 'PUBLISHED' && !(criteria.includeDrafts && item.status === 'DRAFT')) return { rule: 'status', detail: item.status.toLowerCase() };
  if ((item.validFrom && item.validFrom > criteria.now) || (item.validUntil && item.validUntil <= criteria.now)) return { rule: 'validity', detail: 'not valid at this moment' };
  if (criteria.channel && item.channels.length > 0 && !item.channels.includes(criteria.channel)) return { rule: 'channel', detail: `only for ${item.channels.join(', ')}` };
  if (!criteria.localeChain.includes(item.locale)) return { rule: 'locale', detail: item.locale };
  if (item.personaTags.length > 0 && !item.personaTags.some((tag) => personas.has(tag))) return { rule: 'personas', detail: item.personaTags.join(', ') };
  if (item.theme !== null && criteria.answeredThemes?.includes(item.theme)) return { rule: 'answered', detail: item.theme };
  return null;
}

const EXCLUSION_WORDS: Record<Exclusion['rule'], string> = {
  status: 'not published',
  validity: 'not valid at this moment',
  channel: 'not allowed on this channel',
  locale: 'in a locale outside the chain',
  personas: "for personas the customer doesn't match",
  answered: 'on a theme the customer already answered',
};

/** "3 for personas the customer doesn't match (sportieve-sanne), 1 in a locale outside the chain (de)". */
export function summarizeExclusions(exclusions: Exclusion[]): string {
  const byRule = new Map<Exclusion['rule'], Set<string>>();
  const counts = new Map<Exclusion['rule'], number>();
  for (const { rule, detail } of exclusions) {
    counts.set(rule, (counts.get(rule) ?? 0) + 1);
    if (!byRule.has(rule)) byRule.set(rule, new Set());
    byRule.get(rule)!.add(detail);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([rule, count]) => {
      const details = [...byRule.get(rule)!];
      const shown = rule === 'validity' ? '' : ` (${details.slice(0, 5).join('; ')}${details.length > 5 ? '; …' : ''})`;
      return `${count} ${EXCLUSION_WORDS[rule]}${shown}`;
    })
    .join(', ');
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

/**
 * The NOT_FOUND message when nothing was ranked: which rule kept each candidate out, in words that
 * name no dates (a DELIVERY key must not learn a schedule).
 */
export function describeNoMatch(items: SelectableItem[], byId: boolean, criteria: SelectionCriteria): string {
  const where = `for locale ${criteria.localeChain.join(' → ')}${criteria.channel ? ` on ${criteria.channel}` : ''}`;
  const exclusions = items.map((item) => whyExcluded(item, criteria)).filter((exclusion): exclusion is Exclusion => exclusion !== null);
  if (byId && items.length === 1) {
    const personas = criteria.personas.length ? criteria.personas.join(', ') : 'no persona';
    return `No published content matches ${where}: item ${items[0].id} is ${summarizeExclusions(exclusions).replace(/^1 /, '')}${exclusions[0]?.rule === 'personas' ? `, and the customer matches ${personas}` : ''}`;
  }
  if (items.length === 0) return `No published content matches this selector ${where}: no message has these selector values`;
  return `No published content matches this selector ${where}: of ${items.length} candidate${items.length === 1 ? '' : 's'}, ${summarizeExclusions(exclusions)}`;
}
