import { rememberPerObject } from '../../../common/cache/remember-per-object';
import { Criteria } from '../persona.types';

export interface CriteriaResult {
  matched: boolean;
  /** The conditions that held, in words, for the explanation ("age ≥ 25"). */
  via: readonly string[];
  /** Conditions that could not be judged because the attribute has the wrong type, in words for a warning. */
  mismatches: readonly string[];
}

/** Most conditions neither hold nor mismatch for a given customer: one shared empty list instead of two new ones each. */
const NONE: readonly string[] = Object.freeze([]);

/**
 * Evaluates parsed criteria against customer attributes. Pure and total: a type mismatch (gte
 * on a string, contains on a number) is false, never an error, and is reported in `mismatches`
 * so that a channel app sending `age: "34"` learns why a persona did not match.
 */
export function evaluateCriteria(criteria: Criteria, attributes: Record<string, unknown>): CriteriaResult {
  if ('all' in criteria || 'any' in criteria) {
    const results = ('all' in criteria ? criteria.all : criteria.any).map((child) => evaluateCriteria(child, attributes));
    const mismatches = results.flatMap((result) => result.mismatches);
    const held = results.filter((result) => result.matched);
    const matched = 'all' in criteria ? held.length === results.length : held.length > 0;
    return { matched, via: matched ? held.flatMap((result) => result.via) : NONE, mismatches };
  }
  if ('not' in criteria) {
    const inner = evaluateCriteria(criteria.not, attributes);
    return { matched: !inner.matched, via: inner.matched ? NONE : [`not (${describeCriteria(criteria.not)})`], mismatches: inner.mismatches };
  }
  const value = readPath(attributes, criteria.attr);
  const matched = compare(criteria, value);
  const expected = matched ? null : expectedType(criteria, value);
  return {
    matched,
    via: matched ? [describeCriteria(criteria)] : NONE,
    mismatches: expected ? [`attribute "${criteria.attr}" is ${describeType(value)}, but "${describeCriteria(criteria)}" needs ${expected}`] : NONE,
  };
}

/** Bits of a verdict: the criteria hold; some condition could not be judged (its attribute has the wrong type). */
export const VERDICT_HOLDS = 1;
export const VERDICT_MISMATCHED = 2;

/**
 * What `evaluateCriteria` answers about matching and mismatches, as bits, without building its
 * explanation: every persona is judged for every customer and most fit few, so the usual answer
 * (0: no match, nothing to warn about) costs no allocation.
 */
export function criteriaVerdict(criteria: Criteria, attributes: Record<string, unknown>): number {
  if ('all' in criteria || 'any' in criteria) {
    const children = 'all' in criteria ? criteria.all : criteria.any;
    let held = 0;
    let mismatched = 0;
    for (const child of children) {
      const verdict = criteriaVerdict(child, attributes);
      if (verdict & VERDICT_HOLDS) held += 1;
      mismatched |= verdict & VERDICT_MISMATCHED;
    }
    const holds = 'all' in criteria ? held === children.length : held > 0;
    return (holds ? VERDICT_HOLDS : 0) | mismatched;
  }
  if ('not' in criteria) {
    const inner = criteriaVerdict(criteria.not, attributes);
    return (inner & VERDICT_HOLDS ? 0 : VERDICT_HOLDS) | (inner & VERDICT_MISMATCHED);
  }
  const value = readPath(attributes, criteria.attr);
  if (compare(criteria, value)) return VERDICT_HOLDS;
  return expectedType(criteria, value) === null ? 0 : VERDICT_MISMATCHED;
}

/** The type a present attribute should have had for the condition to be judged, or null when it had it. */
function expectedType(criteria: Criteria & { attr: string }, value: unknown): string | null {
  if (value === undefined || value === null || 'exists' in criteria) return null;
  if ('gte' in criteria || 'lte' in criteria) {
    const bound = 'gte' in criteria ? criteria.gte : criteria.lte;
    if (typeof bound === 'number') return typeof value === 'number' ? null : 'a number';
    return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : 'an ISO date';
  }
  if ('contains' in criteria) return Array.isArray(value) || typeof value === 'string' ? null : 'a list or a text';
  const wanted: unknown[] = 'eq' in criteria ? [criteria.eq] : 'in' in criteria ? criteria.in : [];
  return wanted.length === 0 || wanted.some((candidate) => typeof candidate === typeof value) ? null : `a ${typeof wanted[0]}`;
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `a text (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  return `a ${typeof value}`;
}

/** Criteria belong to cached personas and are described on every match, so each is put in words once. */
export const describeCriteria: (criteria: Criteria) => string = rememberPerObject(describe);

function describe(criteria: Criteria): string {
  if ('all' in criteria) return criteria.all.map(describeCriteria).join(' and ');
  if ('any' in criteria) return criteria.any.map(describeCriteria).join(' or ');
  if ('not' in criteria) return `not (${describeCriteria(criteria.not)})`;
  const { attr } = criteria;
  if ('eq' in criteria) return `${attr} = ${JSON.stringify(criteria.eq)}`;
  if ('in' in criteria) return `${attr} in ${JSON.stringify(criteria.in)}`;
  if ('gte' in criteria) return `${attr} ≥ ${JSON.stringify(criteria.gte)}`;
  if ('lte' in criteria) return `${attr} ≤ ${JSON.stringify(criteria.lte)}`;
  if ('contains' in criteria) return `${attr} contains ${JSON.stringify(criteria.contains)}`;
  return `${attr} ${criteria.exists ? 'exists' : 'is absent'}`;
}

function compare(criteria: Criteria & { attr: string }, value: unknown): boolean {
  if ('exists' in criteria) return (value !== undefined && value !== null) === criteria.exists;
  if (value === undefined || value === null) return false;
  if ('eq' in criteria) return value === criteria.eq;
  if ('in' in criteria) return criteria.in.includes(value);
  if ('contains' in criteria) {
    if (Array.isArray(value)) return value.includes(criteria.contains);
    return typeof value === 'string' && typeof criteria.contains === 'string' && value.includes(criteria.contains);
  }
  if ('gte' in criteria) return order(value, criteria.gte) >= 0;
  if ('lte' in criteria) {
    const ordering = order(value, criteria.lte);
    return !Number.isNaN(ordering) && ordering <= 0;
  }
  return false;
}

/** Numbers compare as numbers, ISO dates as instants; anything else is incomparable (NaN). */
function order(value: unknown, bound: number | string): number {
  if (typeof bound === 'number') return typeof value === 'number' ? value - bound : NaN;
  if (typeof value !== 'string') return NaN;
  const left = Date.parse(value);
  const right = Date.parse(bound);
  return Number.isNaN(left) || Number.isNaN(right) ? NaN : left - right;
}

function readPath(attributes: Record<string, unknown>, path: string): unknown {
  if (!path.includes('.')) return Object.prototype.hasOwnProperty.call(attributes, path) ? attributes[path] : undefined;
  let current: unknown = attributes;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
