import { ChannelChoice } from './choose-channel';
import { SelectableVariant, VariantChoice } from './choose-variant';
import { explainRanking, RankedCandidate, SelectableItem } from './rank-candidates';
import { MatchedPersona } from './resolve-personas';

/** Why personalisation picked what it picked; returned with every rendered variant. */
export interface Explanation {
  /** Persona keys that applied: named in the context or matched by criteria. */
  personas: string[];
  /** Per matched persona, how it matched ("named in context" or the criteria that held). */
  personaMatches: { persona: string; via: string }[];
  /** Locale of the chosen content. */
  locale: string;
  /** The chain that was walked, when the requested locale itself had no content (e.g. "nl-BE → nl"). */
  localeFallback: string | null;
  experiment: string | null;
  arm: string | null;
  /** The experiment was concluded: `arm` is its winner, served to every customer. */
  experimentConcluded: boolean;
  /** How the channel was chosen (given, or from persona preferences and consents). */
  channelReason: string | null;
  winnerScore: number | null;
  runnerUpScore: number | null;
  /** One sentence a marketer understands: why the winner beat the runner-up. */
  reason: string;
}

/** Everything selection decided for one rendering, to be put in words. */
export interface SelectionOutcome<T extends SelectableItem, V extends SelectableVariant> {
  matched: MatchedPersona[];
  localeChain: string[];
  winner: RankedCandidate<T>;
  runnerUp: RankedCandidate<T> | undefined;
  channel: ChannelChoice;
  variant: VariantChoice<V>;
}

/** The explanation of a rendering, in the words a marketer reads in the preview and the API. */
export function explainSelection<T extends SelectableItem, V extends SelectableVariant>(outcome: SelectionOutcome<T, V>): Explanation {
  const { matched, localeChain, winner, runnerUp, channel, variant } = outcome;
  const localeIndex = localeChain.indexOf(winner.item.locale);
  const how = variant.variant
    ? `hand-written ${channel.channel} variant${variant.experiment ? ` (experiment ${variant.experiment}, ${variant.assignment === 'concluded' ? `concluded: arm ${variant.arm} won` : `arm ${variant.arm}`})` : ''}`
    : `rendered automatically for ${channel.channel}`;
  return {
    personas: matched.map((match) => match.persona.key),
    personaMatches: matched.map((match) => ({ persona: match.persona.key, via: match.via })),
    locale: winner.item.locale,
    localeFallback: localeIndex > 0 ? localeChain.slice(0, localeIndex + 1).join(' → ') : null,
    experiment: variant.experiment,
    arm: variant.arm === null ? null : variant.assignment === 'random' ? `${variant.arm} (random: no customerId)` : variant.arm,
    experimentConcluded: variant.assignment === 'concluded',
    channelReason: channel.reason,
    winnerScore: winner.score,
    runnerUpScore: runnerUp?.score ?? null,
    reason: `${explainRanking(winner, runnerUp, localeChain)}; ${how}`,
  };
}
