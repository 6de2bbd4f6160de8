import fc from 'fast-check';
import { BadUserInputError } from '../../../common/errors/domain-errors';
import { RenderInput } from '../channel-renderer';
import { DEFAULT_RENDERER_CONFIG, RendererConfig } from '../renderer-config';
import { measureSms } from '../sms/sms-encoding';
import { InAppRenderer } from './in-app.renderer';
import { SmsRenderer } from './sms.renderer';
import { LOOPWERK_BRAND } from '../test-fixtures/test-brand';

const now = new Date('2027-07-05T10:00:00Z');
const input = (roles: RenderInput['roles'], overrides: Record<string, unknown> = {}, config: RendererConfig = DEFAULT_RENDERER_CONFIG): RenderInput => ({
  itemId: 'i',
  itemVersion: 1,
  locale: 'nl',
  roles,
  overrides,
  tone: null,
  images: { inApp1x: 'https://hub/a/1x', inApp2x: 'https://hub/a/2x', inApp3x: 'https://hub/a/3x' },
  config,
  brand: LOOPWERK_BRAND,
});

describe('measureSms', () => {
  it.each([
    ['a'.repeat(160), 'GSM-7', 1],
    ['a'.repeat(161), 'GSM-7', 2],
    ['a'.repeat(306), 'GSM-7', 2],
    ['a'.repeat(307), 'GSM-7', 3],
    ['€'.repeat(80), 'GSM-7', 1],
    ['€'.repeat(81), 'GSM-7', 2],
    ['é'.repeat(160), 'GSM-7', 1],
    ['ł'.repeat(70), 'UCS-2', 1],
    ['ł'.repeat(71), 'UCS-2', 2],
    ['😀'.repeat(35), 'UCS-2', 1],
  ])('%s… is %s in %d segment(s)', (text, encoding, segments) => {
    expect(measureSms(text)).toMatchObject({ encoding, segments });
  });
});

describe('SmsRenderer', () => {
  const renderer = new SmsRenderer();

  it('sends the headline, summary and link in GSM-7 when it can', async () => {
    const output = (await renderer.compile(input({ headline: 'Zomer', summary: 'Hoi {{ customer.firstName }}, 20% korting', callToAction: { label: 'x', url: 'https://example.com/z' } }))).fill({ attributes: { firstName: 'Sanne' }, now });
    expect(output.text).toBe('Zomer: Hoi Sanne, 20% korting https://example.com/z');
    expect(output.parts).toEqual({ segments: 1, encoding: 'GSM-7' });
  });

  it('stays within the maximum segments for any input and keeps the link', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 1500 }), fc.integer({ min: 1, max: 5 }), async (summary, maxSegments) => {
        const config = { ...DEFAULT_RENDERER_CONFIG, settings: { sms: { maxSegments } } };
        const output = (await renderer.compile(input({ headline: 'Zomer', summary: summary.replace(/[{}%]/g, ''), callToAction: { label: 'x', url: 'https://example.com/z' } }, {}, config))).fill({ attributes: {}, now });
        expect(measureSms(output.text).segments).toBeLessThanOrEqual(maxSegments);
        expect(output.text.endsWith('https://example.com/z')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a hand-written SMS longer than the maximum segments', () => {
    expect(() => renderer.validateOverride({ text: 'a'.repeat(500) }, DEFAULT_RENDERER_CONFIG)).toThrow(BadUserInputError);
    expect(() => renderer.validateOverride({ text: 'a'.repeat(459) }, DEFAULT_RENDERER_CONFIG)).not.toThrow();
  });
});

describe('InAppRenderer', () => {
  const renderer = new InAppRenderer();

  it('fills a plain-text card with CTA and the image for the device density', async () => {
    const withAppLinks = { ...DEFAULT_RENDERER_CONFIG, linkSchemes: [...DEFAULT_RENDERER_CONFIG.linkSchemes, 'app'] };
    const compiled = await renderer.compile(input({ headline: 'Zomer in **beweging**', summary: 'Twee weken <b>korting</b>, {{ customer.firstName }}', callToAction: { label: 'Bekijk', url: 'app://zomer' } }, {}, withAppLinks));
    const output = compiled.fill({ attributes: { firstName: 'Sanne', density: 3 }, now });
    expect(output.parts).toEqual({ title: 'Zomer in beweging', body: 'Twee weken korting, Sanne', ctaLabel: 'Bekijk', ctaUrl: 'app://zomer', imageUrl: 'https://hub/a/3x' });
    expect(compiled.fill({ attributes: {}, now }).parts.imageUrl).toBe('https://hub/a/2x');
  });

  it('leaves out a call-to-action link whose scheme is not allowed, with a warning', async () => {
    const compiled = await renderer.compile(input({ headline: 'Zomer', callToAction: { label: 'Bekijk', url: 'java\tscript:alert(1)' } }));
    const output = compiled.fill({ attributes: {}, now });
    expect(output.parts.ctaUrl).toBeNull();
    expect(output.warnings.join(' ')).toMatch(/link was left out/);
  });

  it('drops what an HTML parser would open as a tag, also where markdown keeps it as text', async () => {
    const compiled = await renderer.compile(input({ headline: 'Zomer <A:> in <<b>x> beweging' }));
    expect(compiled.fill({ attributes: {}, now }).parts.title).toBe('Zomer  in  beweging');
  });

  it('keeps title and body within their configurable limits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), fc.string({ maxLength: 1000 }), fc.integer({ min: 10, max: 60 }), async (headline, summary, titleLimit) => {
        const config = { ...DEFAULT_RENDERER_CONFIG, settings: { inApp: { titleLimit, bodyLimit: 150 } } };
        const output = (await renderer.compile(input({ headline: headline.replace(/[{}%]/g, ''), summary: summary.replace(/[{}%]/g, '') }, {}, config))).fill({ attributes: {}, now });
        expect([...(output.parts.title as string)].length).toBeLessThanOrEqual(titleLimit);
        expect([...(output.parts.body as string)].length).toBeLessThanOrEqual(150);
        expect(output.parts.title).not.toMatch(/<[a-z][^>]*>/i);
      }),
    );
  });

  it('refuses hand-written titles over the limit or with HTML', () => {
    expect(() => renderer.validateOverride({ title: 'x'.repeat(51) }, DEFAULT_RENDERER_CONFIG)).toThrow(/limit is 50/);
    expect(() => renderer.validateOverride({ body: '<b>hi</b>' }, DEFAULT_RENDERER_CONFIG)).toThrow(/plain text/);
  });
});
