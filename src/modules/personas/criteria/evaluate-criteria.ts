import { Criteria } from '../persona.types';

export interface CriteriaResult {
  matched: boolean;
  /** The conditions that held, in words, for the explanation ("age ≥ 25"). */
  via: string[];
}

/**
 * Evaluates parsed criteria against customer attributes. Pure and total: a type mismatch (gte
 * on a string, contains on a number) is simply false, never an error.
 */
export function evaluateCriteria(criteria: Criteria, attributes: Record<string, unknown>): CriteriaResult {
  if ('all' in criteria) {
    const results = criteria.all.map((child) => evaluateCriteria(child, attributes));
    const matched = results.every((result) => result.matched);
    return { matched, via: matched ? results.flatMap((result) => result.via) : [] };
  }
  if ('any' in criteria) {
    const held = criteria.any.map((child) => evaluateCriteria(child, attributes)).filter((result) => result.matched);
    return { matched: held.length > 0, via: held.flatMap((result) => result.via) };
  }
  if ('not' in criteria) {
    const inner = evaluateCriteria(criteria.not, attributes);
    return { matched: !inner.matched, via: inner.matched ? [] : [`not (${describeCriteria(criteria.not)})`] };
  }
  const value = readPath(attributes, criteria.attr);
  const matched = compare(criteria, value);
  return { matched, via: matched ? [describeCriteria(criteria)] : [] };
}

export function describeCriteria(criteria: Criteria): string {
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
  let current: unknown = attributes;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
