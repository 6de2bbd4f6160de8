import { MESSAGE_ROLE_NAMES } from '../content-models/message-roles';
import { Tone } from '../personas/persona.types';
import { builtInRenderers } from './built-in-renderers';
import { ChannelRenderer, CompiledRendering, RenderInput } from './channel-renderer';
import { ChannelRegistry } from './channel-registry';
import { retainedBytes } from './compiled-size';
import { TokenTemplate } from './personalisation/liquid-sandbox';
import { DEFAULT_RENDERER_CONFIG } from './renderer-config';
import { GOLDEN_CUSTOMERS, GOLDEN_MESSAGE } from './test-fixtures/golden-message';
import { LOOPWERK_BRAND } from './test-fixtures/test-brand';

const now = new Date('2027-07-05T10:00:00Z');
const registry = new ChannelRegistry(builtInRenderers());
const input = (locale: string, tone: Tone): RenderInput => ({
  itemId: '00000000-0000-4000-8000-000000000001',
  itemVersion: 3,
  locale,
  roles: GOLDEN_MESSAGE,
  overrides: {},
  tone,
  images: Object.fromEntries(Object.keys(registry.renditionProfiles()).map((profile) => [profile, `https://hub/a/${profile}`])),
  config: DEFAULT_RENDERER_CONFIG,
  brand: LOOPWERK_BRAND,
});

describe('every registered channel renders the golden message', () => {
  it('uses every message role in the golden message', () => {
    expect(Object.keys(GOLDEN_MESSAGE).sort()).toEqual([...MESSAGE_ROLE_NAMES].sort());
  });

  const cases = registry.list().flatMap((renderer) =>
    (['nl', 'en'] as const).flatMap((locale) => [Tone.FORMAL, Tone.INFORMAL].map((tone) => [renderer.key, locale, tone] as const)),
  );

  it.each(cases)('%s in %s for a %s persona: text, limits held, no raw tokens, no undefined', async (key, locale, tone) => {
    const customer = tone === Tone.FORMAL ? GOLDEN_CUSTOMERS.formal : GOLDEN_CUSTOMERS.informal;
    const output = await (await registry.get(key).compile(input(locale, tone))).fill({ attributes: customer, now });
    expect(output.text.trim().length).toBeGreaterThan(0);
    expect(output.text).toContain(customer.firstName);
    for (const metric of output.metrics) if (metric.limit !== null) expect(metric.value).toBeLessThanOrEqual(metric.limit);
    const texts = [output.text, ...output.warnings, ...Object.entries(output.parts).filter(([name, value]) => name !== 'pdfBase64' && typeof value === 'string').map(([, value]) => value as string)];
    for (const text of texts) expect(text).not.toMatch(/undefined|\bnull\b|\{\{|\{%|LQTOKEN|LQSALUTATION/);
    expect(output.warnings).toEqual([]);
  });

  it('declares for each channel what the hub derives from it: constraints, parts for its GraphQL type, renditions it uses', async () => {
    expect(registry.keys()).toEqual(expect.arrayContaining(['tweet', 'email', 'letter', 'inApp', 'sms']));
    for (const renderer of registry.list()) {
      expect(renderer.description.length).toBeGreaterThan(10);
      expect(renderer.constraints.length).toBeGreaterThan(0);
      if (renderer.graphqlType) expect(Object.keys(renderer.parts ?? {}).length).toBeGreaterThan(0);
      if (renderer.printRendition) expect(Object.keys(renderer.renditions ?? {})).toContain(renderer.printRendition);
      const output = await (await renderer.compile(input('nl', Tone.INFORMAL))).fill({ attributes: GOLDEN_CUSTOMERS.informal, now });
      for (const [name, part] of Object.entries(renderer.parts ?? {})) {
        if (!part.nullable) expect(output.parts[name]).toBeDefined();
      }
    }
  });
});

describe('what a compiled rendering keeps, as the rendering cache counts it', () => {
  const longer = (extra: number): RenderInput => ({ ...input('nl', Tone.INFORMAL), roles: { ...GOLDEN_MESSAGE, headline: `${GOLDEN_MESSAGE.headline} ${'x'.repeat(extra)}` } });

  it.each(registry.list().filter((renderer) => renderer.key !== 'letter').map((renderer) => renderer.key))('%s declares its size, and a longer headline counts', async (key) => {
    const short = (await registry.get(key).compile(longer(0))).approximateBytes!;
    const long = (await registry.get(key).compile(longer(2_000))).approximateBytes!;
    expect(short).toBeGreaterThan(500);
    expect(long - short).toBeGreaterThanOrEqual(4_000);
  });

  it('counts parsed templates by their tokens, lists and nested renderings by their parts, and plain values by their size', () => {
    const plain = TokenTemplate.plain('x'.repeat(100), 'f');
    const oneToken = TokenTemplate.plain(`${'x'.repeat(100)}{{ customer.firstName }}`, 'f');
    const twoTokens = TokenTemplate.plain(`${'x'.repeat(100)}{{ customer.firstName }}{{ customer.city }}`, 'f');
    expect(plain.approximateBytes).toBe(200);
    expect(oneToken.approximateBytes).toBeGreaterThan(plain.approximateBytes + 1_000);
    expect(twoTokens.approximateBytes).toBeGreaterThan(oneToken.approximateBytes + 1_000);
    const alone = retainedBytes();
    expect(retainedBytes(plain, [oneToken, twoTokens])).toBe(alone + plain.approximateBytes + oneToken.approximateBytes + twoTokens.approximateBytes);
    expect(retainedBytes({ approximateBytes: 5_000, fill: () => undefined })).toBe(alone + 5_000);
    expect(retainedBytes('y'.repeat(1_000))).toBeGreaterThan(alone + 2_000);
  });
});

describe('ChannelRegistry', () => {
  it('refuses two renderers with one key', () => {
    expect(() => new ChannelRegistry([...builtInRenderers(), builtInRenderers()[0]])).toThrow(/Two channel renderers have the key "tweet"/);
  });

  it('renders a channel registered at run time, through the same contract', async () => {
    class PushRenderer implements ChannelRenderer {
      readonly key = 'push';
      readonly description = 'A mobile push notification';
      readonly constraints = [{ name: 'length', limit: 120, description: 'characters' }];
      readonly overrideKeys = ['title'];
      async compile(message: RenderInput): Promise<CompiledRendering> {
        const title = TokenTemplate.plain(String(message.overrides.title ?? message.roles.headline ?? ''), 'fields.title');
        return {
          fill: (recipient) => {
            const warnings: string[] = [];
            const text = title.render({ customer: recipient.attributes, now: recipient.now }, warnings);
            return { text, warnings, metrics: [{ name: 'length', value: text.length, limit: 120 }], parts: { title: text } };
          },
        };
      }
      validateOverride(): void {}
    }
    const extended = new ChannelRegistry(builtInRenderers());
    extended.register(new PushRenderer());
    const output = await (await extended.get('push').compile(input('nl', Tone.INFORMAL))).fill({ attributes: { firstName: 'Sanne' }, now });
    expect(output.parts).toEqual({ title: 'Zomer in beweging, Sanne' });
    expect(() => extended.get('fax')).toThrow(/Unknown channel "fax"/);
  });
});
