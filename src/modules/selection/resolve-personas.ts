import { rememberPerObject } from '../../common/cache/remember-per-object';
import { criteriaVerdict, evaluateCriteria } from '../personas/criteria/evaluate-criteria';
import { Criteria } from '../personas/persona.types';

export interface PersonaDefinition {
  key: string;
  criteria: Criteria | null;
  channelPreferences: string[];
  tone: string;
}

export interface MatchedPersona<P extends PersonaDefinition = PersonaDefinition> {
  persona: P;
  via: string;
}

export interface PersonaResolution<P extends PersonaDefinition = PersonaDefinition> {
  matched: MatchedPersona<P>[];
  /** Keys the context named that are not (or no longer) personas of the hub. */
  unknown: string[];
  /** Why the context's attributes could not be judged by some persona's criteria, for the answer's warnings. */
  warnings: string[];
}

/** Personas named in the context (in their order), then those whose criteria the attributes satisfy (by key). */
export function resolvePersonas<P extends PersonaDefinition>(named: string[], attributes: Record<string, unknown>, personas: readonly P[]): PersonaResolution<P> {
  const { byKey, inKeyOrder } = indexOf(personas);
  const matched: MatchedPersona<P>[] = [];
  const unknown: string[] = [];
  for (const key of new Set(named)) {
    const persona = byKey.get(key);
    if (persona) matched.push({ persona, via: 'named in context' });
    else unknown.push(key);
  }
  const namedKeys = new Set(named);
  const warnings = unknown.map((key) => `The context names persona "${key}", which the hub does not have; it was ignored`);
  for (const persona of inKeyOrder) {
    if (namedKeys.has(persona.key) || !persona.criteria) continue;
    // Neither a match nor anything to warn about: no explanation to build.
    if (criteriaVerdict(persona.criteria, attributes) === 0) continue;
    const result = evaluateCriteria(persona.criteria, attributes);
    if (result.matched) matched.push({ persona, via: `criteria: ${result.via.join(', ')}` });
    else warnings.push(...result.mismatches.map((mismatch) => `Persona "${persona.key}" could not be matched: ${mismatch}`));
  }
  return { matched, unknown, warnings };
}

/** The hub's persona list is cached and shared by every request, so its index is built once per list. */
const index = rememberPerObject((personas: readonly PersonaDefinition[]) => ({
  byKey: new Map(personas.map((persona) => [persona.key, persona])),
  inKeyOrder: [...personas].sort((a, b) => a.key.localeCompare(b.key)),
}));

function indexOf<P extends PersonaDefinition>(personas: readonly P[]): { byKey: Map<string, P>; inKeyOrder: P[] } {
  return index(personas) as { byKey: Map<string, P>; inKeyOrder: P[] };
}
