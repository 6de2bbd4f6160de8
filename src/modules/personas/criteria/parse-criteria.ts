import { BadUserInputError } from '../../../common/errors/domain-errors';
import { Criteria } from '../persona.types';

export const COMPARISON_OPERATORS = ['eq', 'in', 'gte', 'lte', 'contains', 'exists'] as const;
const COMBINATORS = ['all', 'any', 'not'] as const;
const MAX_DEPTH = 10;
const MAX_NODES = 200;
/** Criteria describe a segment; a list of 60,000 cities or a megabyte of text is a mistake, refused when saved. */
const MAX_LIST_VALUES = 1000;
const MAX_TEXT_LENGTH = 500;
const ATTRIBUTE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Checks a criteria document when a persona is saved, so a typo is the editor's error now
 * rather than a persona that silently never matches. Returns it typed.
 */
export function parseCriteria(input: unknown, path = 'criteria'): Criteria {
  let nodes = 0;
  const fail = (at: string, message: string): never => {
    throw new BadUserInputError(`${at}: ${message}`, at);
  };

  const visit = (node: unknown, at: string, depth: number): Criteria => {
    nodes += 1;
    if (nodes > MAX_NODES) fail(path, `criteria may have at most ${MAX_NODES} conditions`);
    if (depth > MAX_DEPTH) fail(at, `criteria may nest at most ${MAX_DEPTH} levels deep`);
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      return fail(at, 'must be an object such as { "attr": "age", "gte": 25 } or { "all": [ … ] }');
    }
    const keys = Object.keys(node);
    const record = node as Record<string, unknown>;
    const combinator = keys.find((key) => (COMBINATORS as readonly string[]).includes(key));
    if (combinator) {
      if (keys.length !== 1) fail(at, `"${combinator}" must stand alone in its object, found also ${keys.filter((key) => key !== combinator).join(', ')}`);
      const value = record[combinator];
      if (combinator === 'not') return { not: visit(value, `${at}.not`, depth + 1) };
      if (!Array.isArray(value) || value.length === 0) return fail(`${at}.${combinator}`, 'must be a non-empty list of conditions');
      const children = value.map((child, index) => visit(child, `${at}.${combinator}[${index}]`, depth + 1));
      return combinator === 'all' ? { all: children } : { any: children };
    }
    if (!('attr' in record)) {
      return fail(at, `unknown operator "${keys[0] ?? ''}"; use all, any, not, or { "attr": …, "<operator>": … } with one of ${COMPARISON_OPERATORS.join(', ')}`);
    }
    const attr = record.attr;
    if (typeof attr !== 'string' || !ATTRIBUTE_PATH.test(attr)) fail(`${at}.attr`, 'must be an attribute name or dotted path, e.g. "age" or "address.country"');
    const operators = keys.filter((key) => key !== 'attr');
    const unknown = operators.find((key) => !(COMPARISON_OPERATORS as readonly string[]).includes(key));
    if (unknown) fail(`${at}.${unknown}`, `unknown operator "${unknown}"; use one of ${COMPARISON_OPERATORS.join(', ')}`);
    if (operators.length !== 1) fail(at, `a condition needs exactly one operator (${COMPARISON_OPERATORS.join(', ')}), found ${operators.length}`);
    const [operator] = operators;
    const operand = record[operator];
    const operandAt = `${at}.${operator}`;
    switch (operator) {
      case 'in':
        if (!Array.isArray(operand) || operand.length === 0 || operand.some((value) => !isScalar(value))) fail(operandAt, 'must be a non-empty list of strings, numbers or booleans');
        if ((operand as unknown[]).length > MAX_LIST_VALUES) fail(operandAt, `may list at most ${MAX_LIST_VALUES} values`);
        if ((operand as unknown[]).some((value) => typeof value === 'string' && value.length > MAX_TEXT_LENGTH)) fail(operandAt, `values may be at most ${MAX_TEXT_LENGTH} characters`);
        break;
      case 'gte':
      case 'lte':
        if (!(typeof operand === 'number' && Number.isFinite(operand)) && !(typeof operand === 'string' && !Number.isNaN(Date.parse(operand)))) {
          fail(operandAt, 'must be a number or an ISO date');
        }
        break;
      case 'exists':
        if (typeof operand !== 'boolean') fail(operandAt, 'must be true or false');
        break;
      default:
        if (!isScalar(operand)) fail(operandAt, 'must be a string, number or boolean');
        if (typeof operand === 'string' && operand.length > MAX_TEXT_LENGTH) fail(operandAt, `may be at most ${MAX_TEXT_LENGTH} characters`);
    }
    return { attr, [operator]: operand } as Criteria;
  };

  return visit(input, path, 1);
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}
