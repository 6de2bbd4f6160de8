import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import fc from 'fast-check';
import { JourneyStage, Purpose } from '../../src/modules/content/content.enums';
import { isValidPersonalizeInput } from '../../src/modules/delivery/graphql/personalize-input.check';
import { PersonalizeInput } from '../../src/modules/delivery/graphql/personalize.input';

// Here rather than beside the check: the input class carries Nest's decorators, which load only as ES modules (the built code), not under jest.

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof(fc.constant(undefined), fc.constant(null), arbitrary);
const anyText = (maxLength: number) => fc.oneof(fc.string({ maxLength }), fc.string({ unit: 'binary', maxLength }), fc.constant(''), fc.integer());
const texts = fc.oneof(fc.array(fc.string({ maxLength: 8 }), { maxLength: 25 }), fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }), fc.string());

const input = fc.record(
  {
    itemId: maybe(fc.oneof(fc.uuid({ version: [1, 4, 7] }), fc.uuid(), fc.string({ maxLength: 40 }), fc.constant('00000000-0000-0000-0000-000000000000'))),
    selector: maybe(
      fc.oneof(
        fc.record(
          {
            theme: maybe(anyText(110)),
            model: maybe(anyText(110)),
            tags: maybe(texts),
            purpose: maybe(fc.oneof(fc.constantFrom(...Object.values(Purpose)), fc.string())),
            journeyStage: maybe(fc.oneof(fc.constantFrom(...Object.values(JourneyStage)), fc.string())),
          },
          { requiredKeys: [] },
        ),
        fc.string(),
        fc.array(fc.integer()),
      ),
    ),
    channel: maybe(anyText(60)),
    context: fc.oneof(
      fc.record(
        {
          customerId: maybe(anyText(210)),
          personas: maybe(texts),
          attributes: maybe(fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.integer()), fc.string())),
          locale: maybe(fc.oneof(fc.constantFrom('nl', 'nl-BE', 'en', 'zh-Hans-CN', 'x', 'nl_BE', '', 'abcd-e'), fc.string({ maxLength: 12 }))),
          consents: maybe(texts),
          journeyStage: maybe(fc.oneof(fc.constantFrom(...Object.values(JourneyStage)), fc.string())),
          now: maybe(fc.oneof(fc.date(), fc.constant(new Date(Number.NaN)), fc.string())),
          excludeAnsweredThemes: maybe(fc.oneof(fc.boolean(), fc.string())),
        },
        { requiredKeys: [] },
      ),
      fc.constant(null),
      fc.string(),
    ),
    preview: maybe(fc.oneof(fc.boolean(), fc.string())),
    revision: maybe(fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double())),
  },
  { requiredKeys: ['context'] },
);

async function classValidatorAccepts(value: unknown): Promise<boolean> {
  const errors = await validate(plainToInstance(PersonalizeInput, value), { whitelist: true, forbidUnknownValues: false });
  return errors.length === 0;
}

describe('the compiled PersonalizeInput check', () => {
  it('vouches only for input that class-validator accepts too', async () => {
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        if (isValidPersonalizeInput(value)) assert.equal(await classValidatorAccepts(value), true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('vouches for what channel apps send, so they take the fast path', async () => {
    const request = {
      itemId: '7684bf56-c290-41a0-a043-355a030f2aa7',
      channel: 'tweet',
      context: { customerId: 'c-17', locale: 'nl-BE', attributes: { firstName: 'Sanne', age: 37 }, consents: ['tweet', 'email'], now: new Date(), journeyStage: null },
      preview: null,
    };
    assert.equal(isValidPersonalizeInput(request), true);
    assert.equal(isValidPersonalizeInput({ selector: { theme: 'zomeractie', tags: ['sale'], purpose: 'MOTIVATE' }, context: {} }), true);
    assert.equal(await classValidatorAccepts(request), true);
  });

  for (const value of [
    { itemId: 'not-a-uuid', context: {} },
    { channel: '', context: {} },
    { context: { locale: 'nl_BE' } },
    { context: { consents: Array.from({ length: 21 }, () => 'sms') } },
    { context: { now: new Date(Number.NaN) } },
    { revision: 0, context: {} },
    { revision: Number.POSITIVE_INFINITY, context: {} },
  ]) {
    it(`leaves ${JSON.stringify(value)} to class-validator, which refuses it`, async () => {
      assert.equal(isValidPersonalizeInput(value), false);
      assert.equal(await classValidatorAccepts(value), false);
    });
  }
});
