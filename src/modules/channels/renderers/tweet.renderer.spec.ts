import fc from 'fast-check';
import { BadUserInputError } from '../../../common/errors/domain-errors';
import { DEFAULT_RENDERER_CONFIG } from '../renderer-config';
import { RenderInput } from '../channel-renderer';
import { TweetRenderer, weightedLength } from './tweet.renderer';
import { LOOPWERK_BRAND } from '../test-fixtures/test-brand';

const renderer = new TweetRenderer();
const now = new Date('2027-07-05T10:00:00Z');

function input(roles: RenderInput['roles'], overrides: Record<string, unknown> = {}): RenderInput {
  return { itemId: 'i', itemVersion: 1, locale: 'nl', roles, overrides, tone: null, images: { tweet: 'https://hub.example/assets/a/tweet' }, config: DEFAULT_RENDERER_CONFIG, brand: LOOPWERK_BRAND };
}

async function render(roles: RenderInput['roles'], attributes: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) {
  return (await renderer.compile(input(roles, overrides))).fill({ attributes, now });
}

describe('TweetRenderer', () => {
  it('tells the message with the link and hashtags', async () => {
    const output = await render(
      { headline: 'Zomer in beweging', summary: 'Twee weken 20% korting, {{ customer.firstName | default: "sporter" }}', callToAction: { label: 'Bekijk', url: 'https://example.com/zomer' }, hashtags: ['zomer', 'hardlopen'] },
      { firstName: 'Sanne' },
    );
    expect(output.text).toBe('Zomer in beweging: Twee weken 20% korting, Sanne https://example.com/zomer #zomer #hardlopen');
    expect(output.parts).toMatchObject({ weightedLength: weightedLength(output.text), imageUrl: 'https://hub.example/assets/a/tweet' });
    expect(output.warnings).toEqual([]);
  });

  it('shortens a long body on a word boundary with an ellipsis, keeping the URL and hashtags that fit', async () => {
    const body = 'Hardlopen in de zomer is heerlijk. '.repeat(20);
    const output = await render({ headline: 'Zomer', body, callToAction: { label: 'x', url: 'https://example.com/zomer' }, hashtags: ['zomer'] });
    expect(weightedLength(output.text)).toBeLessThanOrEqual(280);
    expect(output.text).toContain('https://example.com/zomer');
    expect(output.text).toContain('#zomer');
    expect(output.warnings[0]).toMatch(/shortened/);
  });

  it('counts CJK and emoji double, exactly as twitter-text does', async () => {
    const output = await render({ headline: '夏のセール'.repeat(40), summary: '🏃‍♀️'.repeat(30), callToAction: { label: 'x', url: 'https://example.com' } });
    expect(output.metrics[0]).toEqual({ name: 'weightedLength', value: weightedLength(output.text), limit: 280 });
    expect(weightedLength(output.text)).toBeLessThanOrEqual(280);
  });

  it('renders a hand-written tweet with its tokens', async () => {
    const output = await render({ headline: 'x' }, { firstName: 'Sanne' }, { text: 'Zomer! {{ customer.firstName }}, 20% korting' });
    expect(output.text).toBe('Zomer! Sanne, 20% korting');
  });

  it('never prints undefined for a missing attribute, and warns', async () => {
    const output = await render({ headline: 'Hoi {{ customer.firstName }}!' });
    expect(output.text).toBe('Hoi !');
    expect(output.warnings.join()).toMatch(/customer\.firstName is missing/);
  });

  it('refuses to save a hand-written tweet over 280 weighted characters, naming the limit', () => {
    expect(() => renderer.validateOverride({ text: 'x'.repeat(300) })).toThrow(BadUserInputError);
    expect(() => renderer.validateOverride({ text: 'x'.repeat(300) })).toThrow(/300 weighted characters; the limit is 280/);
    expect(() => renderer.validateOverride({ text: 'x'.repeat(280) })).not.toThrow();
  });

  it('stays within 280 weighted characters for any input', async () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom('https://example.com/a b c', 'שלום עולם مرحبا', '日本語のテキスト', '👩‍👩‍👧‍👦'));
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.option(text, { nil: undefined }),
        fc.option(fc.webUrl(), { nil: undefined }),
        fc.array(fc.stringMatching(/^[a-z0-9_]{1,30}$/), { maxLength: 10 }),
        fc.string({ maxLength: 200 }),
        async (headline, summary, url, hashtags, firstName) => {
          const output = await render({ headline: `${headline} {{ customer.firstName }}`, summary, callToAction: url ? { label: 'x', url } : undefined, hashtags }, { firstName });
          expect(weightedLength(output.text)).toBeLessThanOrEqual(280);
          if (url && weightedLength(url) <= 280) expect(output.text).toContain(url);
        },
      ),
      { numRuns: 300 },
    );
  });
});
