import fc from 'fast-check';
import { BadUserInputError } from '../../../common/errors/domain-errors';
import { Criteria } from '../persona.types';
import { criteriaVerdict, evaluateCriteria, VERDICT_HOLDS, VERDICT_MISMATCHED } from './evaluate-criteria';
import { parseCriteria } from './parse-criteria';

const sanne = { age: 34, interests: ['running', 'yoga'], city: 'Gent', address: { country: 'BE' }, memberSince: '2019-05-01' };

describe('parseCriteria', () => {
  it('accepts the whole criteria language: all, any, not and every operator', () => {
    const criteria = { all: [{ attr: 'age', gte: 25 }, { any: [{ attr: 'interests', contains: 'running' }, { not: { attr: 'city', in: ['Gent'] } }] }, { attr: 'email', exists: false }] };
    expect(parseCriteria(criteria)).toEqual(criteria);
  });

  it.each([
    [{ attr: 'age', gtee: 25 }, 'criteria.gtee', /unknown operator "gtee"/],
    [{ all: [{ attr: 'age', gte: 25 }, { attr: 'age', between: [1, 2] }] }, 'criteria.all[1].between', /unknown operator/],
    [{ whatever: [] }, 'criteria', /unknown operator "whatever"/],
    [{ attr: 'age', gte: 'old' }, 'criteria.gte', /number or an ISO date/],
    [{ attr: 'age', gte: 1, lte: 2 }, 'criteria', /exactly one operator/],
    [{ attr: 'city', in: 'Gent' }, 'criteria.in', /non-empty list/],
    [{ all: [] }, 'criteria.all', /non-empty list/],
    [{ attr: '', eq: 1 }, 'criteria.attr', /attribute name/],
    [{ attr: 'x', exists: 'yes' }, 'criteria.exists', /true or false/],
    [[1, 2], 'criteria', /must be an object/],
    [{ all: [{ attr: 'a', eq: 1 }], any: [] }, 'criteria', /must stand alone/],
  ])('refuses %j at %s', (input, path, message) => {
    try {
      parseCriteria(input);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(BadUserInputError);
      expect((error as BadUserInputError).details.path).toBe(path);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('refuses criteria that nest too deep', () => {
    let deep: unknown = { attr: 'a', eq: 1 };
    for (let level = 0; level < 12; level += 1) deep = { not: deep };
    expect(() => parseCriteria(deep)).toThrow(/nest at most/);
  });
});

describe('evaluateCriteria', () => {
  it.each<[Criteria, boolean]>([
    [{ attr: 'age', gte: 25 }, true],
    [{ attr: 'age', lte: 30 }, false],
    [{ attr: 'interests', contains: 'running' }, true],
    [{ attr: 'city', contains: 'en' }, true],
    [{ attr: 'city', in: ['Gent', 'Brugge'] }, true],
    [{ attr: 'city', eq: 'gent' }, false],
    [{ attr: 'address.country', eq: 'BE' }, true],
    [{ attr: 'email', exists: false }, true],
    [{ attr: 'memberSince', lte: '2020-01-01' }, true],
    [{ not: { attr: 'age', gte: 60 } }, true],
    [{ any: [{ attr: 'age', gte: 60 }, { attr: 'city', eq: 'Gent' }] }, true],
    [{ all: [{ attr: 'age', gte: 25 }, { attr: 'city', eq: 'Brugge' }] }, false],
  ])('%j → %s', (criteria, expected) => {
    expect(evaluateCriteria(criteria, sanne).matched).toBe(expected);
  });

  it('treats type mismatches as false, never as errors', () => {
    expect(evaluateCriteria({ attr: 'city', gte: 25 }, sanne).matched).toBe(false);
    expect(evaluateCriteria({ attr: 'age', contains: 'x' }, sanne).matched).toBe(false);
    expect(evaluateCriteria({ attr: 'age', lte: '2020-01-01' }, sanne).matched).toBe(false);
  });

  it('says which conditions held', () => {
    const result = evaluateCriteria({ all: [{ attr: 'age', gte: 25 }, { attr: 'interests', contains: 'running' }] }, sanne);
    expect(result.via).toEqual(['age ≥ 25', 'interests contains "running"']);
  });

  const leaf: fc.Arbitrary<Criteria> = fc.oneof(
    fc.record({ attr: fc.constantFrom('age', 'city', 'interests', 'x.y'), eq: fc.oneof(fc.integer(), fc.string(), fc.boolean()) }),
    fc.record({ attr: fc.constantFrom('age', 'city'), gte: fc.integer() }),
    fc.record({ attr: fc.constantFrom('interests', 'city'), contains: fc.string() }),
    fc.record({ attr: fc.constantFrom('age', 'missing'), exists: fc.boolean() }),
  ) as fc.Arbitrary<Criteria>;
  const tree = fc.letrec<{ node: Criteria }>((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.record({ not: tie('node') }), fc.record({ all: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }), fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) })),
  })).node as fc.Arbitrary<Criteria>;

  it('never throws, whatever the attributes, and `not` inverts', () => {
    fc.assert(
      fc.property(tree, fc.jsonValue(), (criteria, attributes) => {
        const input = typeof attributes === 'object' && attributes !== null && !Array.isArray(attributes) ? (attributes as Record<string, unknown>) : {};
        const result = evaluateCriteria(criteria, input);
        expect(evaluateCriteria({ not: criteria }, input).matched).toBe(!result.matched);
      }),
    );
  });

  it('gives the verdict of the full evaluation, matching and mismatches, without building it', () => {
    const attributes = fc.record(
      {
        age: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.string(), fc.constant(null)),
        city: fc.oneof(fc.constantFrom('Gent', 'Brugge'), fc.string(), fc.integer()),
        interests: fc.oneof(fc.array(fc.constantFrom('running', 'cycling')), fc.string(), fc.integer()),
        x: fc.oneof(fc.record({ y: fc.oneof(fc.integer(), fc.string(), fc.boolean()) }), fc.string()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(tree, attributes, (criteria, input) => {
        const result = evaluateCriteria(criteria, input);
        const verdict = criteriaVerdict(criteria, input);
        expect(Boolean(verdict & VERDICT_HOLDS)).toBe(result.matched);
        expect(Boolean(verdict & VERDICT_MISMATCHED)).toBe(result.mismatches.length > 0);
      }),
      { numRuns: 2_000 },
    );
  });

  it('accepts whatever parseCriteria produced', () => {
    fc.assert(fc.property(tree, (criteria) => expect(parseCriteria(criteria)).toEqual(criteria)));
  });
});
