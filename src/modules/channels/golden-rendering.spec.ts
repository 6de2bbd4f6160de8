import { Tone } from '../personas/persona.types';
import { builtInRenderers } from './built-in-renderers';
import { RenderInput } from './channel-renderer';
import { ChannelRegistry } from './channel-registry';
import { DEFAULT_RENDERER_CONFIG } from './renderer-config';
import { GOLDEN_CUSTOMERS, GOLDEN_MESSAGE } from './test-fixtures/golden-message';
import { LOOPWERK_BRAND } from './test-fixtures/test-brand';

/**
 * The golden message as every channel renders it, kept as snapshots: a change of layout or
 * wording shows up as a diff to review, not as a surprise in a customer's inbox. Binary parts
 * (PDF bytes, which carry a creation date) are left out; the letter's print HTML stands for its layout.
 */
const registry = new ChannelRegistry(builtInRenderers());
const now = new Date('2027-07-05T10:00:00Z');
const input = (tone: Tone): RenderInput => ({
  itemId: '00000000-0000-4000-8000-000000000001',
  itemVersion: 3,
  locale: 'nl',
  roles: GOLDEN_MESSAGE,
  overrides: {},
  tone,
  images: Object.fromEntries(['original', ...Object.keys(registry.renditionProfiles())].map((profile) => [profile, `https://hub.example/a/${profile}`])),
  config: DEFAULT_RENDERER_CONFIG,
  brand: LOOPWERK_BRAND,
});

describe('the golden message, as each channel renders it', () => {
  const cases = registry.list().flatMap((renderer) => [Tone.FORMAL, Tone.INFORMAL].map((tone) => [renderer.key, tone] as const));

  it.each(cases)('%s for a %s persona', async (key, tone) => {
    const customer = tone === Tone.FORMAL ? GOLDEN_CUSTOMERS.formal : GOLDEN_CUSTOMERS.informal;
    const output = (await registry.get(key).compile(input(tone))).fill({ attributes: customer, now });
    // A QR code's cells would drown the snapshot; qr-code.spec.ts decodes them instead.
    const parts = Object.fromEntries(
      Object.entries(output.parts)
        .filter(([name, value]) => !Buffer.isBuffer(value) && name !== 'pdfBase64')
        .map(([name, value]) => [name, typeof value === 'string' ? value.replace(/(<div class="qr"[^>]*>)(?:<i(?: class="b")?><\/i>)+/g, '$1…') : value]),
    );
    expect({ text: output.text, parts, metrics: output.metrics, warnings: output.warnings }).toMatchSnapshot();
  });
});
