import fc from 'fast-check';
import { BadUserInputError } from '../../../common/errors/domain-errors';
import { Tone } from '../../personas/persona.types';
import { RenderInput } from '../channel-renderer';
import { DEFAULT_RENDERER_CONFIG } from '../renderer-config';
import { RCS_DESCRIPTION_LIMIT, RCS_SUGGESTION_LIMIT, RCS_SUGGESTIONS, RCS_TITLE_LIMIT, RcsRenderer } from './rcs.renderer';
import { LOOPWERK_BRAND } from '../test-fixtures/test-brand';

const renderer = new RcsRenderer();
const now = new Date('2027-07-05T10:00:00Z');
const noLiquid = (text: string) => !/\{[{%]/.test(text);
const input = (roles: RenderInput['roles'], overrides: Record<string, unknown> = {}): RenderInput => ({
  itemId: 'i',
  itemVersion: 1,
  locale: 'nl',
  roles,
  overrides,
  tone: Tone.INFORMAL,
  images: { rcsShort: 'https://hub/a/short', rcsMedium: 'https://hub/a/medium', rcsTall: 'https://hub/a/tall' },
  config: DEFAULT_RENDERER_CONFIG,
  brand: LOOPWERK_BRAND,
});

describe('RcsRenderer', () => {
  it('makes a rich card with the call to action as an open-URL suggestion and an SMS fallback', async () => {
    const compiled = await renderer.compile(input({ headline: 'Zomer, {{ customer.firstName }}', summary: 'Twee weken 20% korting', body: 'Het is **zomer**.', callToAction: { label: 'Bekijk de actie', url: 'https://example.com/zomer' } }));
    const output = compiled.fill({ attributes: { firstName: 'Sanne' }, now });
    expect(output.parts).toMatchObject({
      title: 'Zomer, Sanne',
      description: 'Het is zomer.',
      mediaUrl: 'https://hub/a/medium',
      mediaHeight: 'MEDIUM',
      suggestions: [{ type: 'openUrl', text: 'Bekijk de actie', url: 'https://example.com/zomer' }],
    });
    expect(output.parts.fallbackText).toBe('Zomer, Sanne: Twee weken 20% korting https://example.com/zomer');
    expect(output.metrics.map((metric) => metric.name)).toContain('fallback.segments');
  });

  it('takes a variant\'s height class and replies', async () => {
    const output = (await renderer.compile(input({ headline: 'Zomer' }, { mediaHeight: 'TALL', suggestions: ['Ja graag', 'Nee'] }))).fill({ attributes: {}, now });
    expect(output.parts).toMatchObject({ mediaUrl: 'https://hub/a/tall', mediaHeight: 'TALL', suggestions: [{ type: 'reply', text: 'Ja graag' }, { type: 'reply', text: 'Nee' }] });
  });

  it('keeps title ≤ 200, description ≤ 2,000 and at most four suggestions of 25, whatever the message', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 400 }).filter(noLiquid),
        fc.string({ maxLength: 4000 }).filter(noLiquid),
        fc.array(fc.string({ minLength: 1, maxLength: 60 }).filter(noLiquid), { maxLength: 7 }),
        async (headline, body, suggestions) => {
          const output = (await renderer.compile(input({ headline, body }, { suggestions }))).fill({ attributes: {}, now });
          expect([...(output.parts.title as string)].length).toBeLessThanOrEqual(RCS_TITLE_LIMIT);
          expect([...(output.parts.description as string)].length).toBeLessThanOrEqual(RCS_DESCRIPTION_LIMIT);
          const filled = output.parts.suggestions as { text: string }[];
          expect(filled.length).toBeLessThanOrEqual(RCS_SUGGESTIONS);
          for (const suggestion of filled) expect([...suggestion.text].length).toBeLessThanOrEqual(RCS_SUGGESTION_LIMIT);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses hand-written variants that break the rules when they are saved', () => {
    expect(() => renderer.validateOverride({ title: 'x'.repeat(201) }, DEFAULT_RENDERER_CONFIG)).toThrow(BadUserInputError);
    expect(() => renderer.validateOverride({ description: 'x'.repeat(2001) }, DEFAULT_RENDERER_CONFIG)).toThrow(BadUserInputError);
    expect(() => renderer.validateOverride({ mediaHeight: 'HUGE' }, DEFAULT_RENDERER_CONFIG)).toThrow(/SHORT, MEDIUM, TALL/);
    expect(() => renderer.validateOverride({ suggestions: ['a', 'b', 'c', 'd', 'e'] }, DEFAULT_RENDERER_CONFIG)).toThrow(/at most 4/);
    expect(() => renderer.validateOverride({ suggestions: ['Een veel te lange suggestie hier'] }, DEFAULT_RENDERER_CONFIG)).toThrow(BadUserInputError);
    expect(() => renderer.validateOverride({ fallbackText: 'x'.repeat(2000) }, DEFAULT_RENDERER_CONFIG)).toThrow(/^The SMS fallback: The SMS needs/);
    const refusal = (() => {
      try {
        renderer.validateOverride({ fallbackText: 'x'.repeat(2000) }, DEFAULT_RENDERER_CONFIG);
        return null;
      } catch (error) {
        return error as BadUserInputError;
      }
    })();
    expect(refusal?.details.path).toBe('input.fields.fallbackText');
    expect(() => renderer.validateOverride({ title: 'Zomer', mediaHeight: 'SHORT', suggestions: ['Ja'] }, DEFAULT_RENDERER_CONFIG)).not.toThrow();
  });
});
