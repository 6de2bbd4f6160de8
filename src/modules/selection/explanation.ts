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
  /** How the channel was chosen (given, or from persona preferences and consents). */
  channelReason: string | null;
  winnerScore: number | null;
  runnerUpScore: number | null;
  /** One sentence a marketer understands: why the winner beat the runner-up. */
  reason: string;
}
