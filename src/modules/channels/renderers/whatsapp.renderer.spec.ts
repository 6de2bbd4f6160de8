import fc from 'fast-check';
import { BadUserInputError } from '../../../common/errors/domain-errors';
import { Tone } from '../../personas/persona.types';
import { RenderInput } from '../channel-renderer';
import { DEFAULT_RENDERER_CONFIG } from '../renderer-config';
import { markdownToWhatsApp, WHATSAPP_BUTTON_LIMIT, WHATSAPP_BUTTONS, WHATSAPP_TEXT_LIMIT, WhatsAppRenderer } from './whatsapp.renderer';
import { LOOPWERK_BRAND } from '../test-fixtures/test-brand';

const renderer = new WhatsAppRenderer();
const now = new Date('2027-07-05T10:00:00Z');
const input = (roles: RenderInput['roles'], overrides: Record<string, unknown> = {}): RenderInput => ({
  itemId: 'i',
  itemVersion: 1,
  locale: 'nl-BE',
  roles,
  overrides,
  tone: Tone.INFORMAL,
  images: { whatsApp: 'https://hub/a/whatsapp' },
  config: DEFAULT_RENDERER_CONFIG,
  brand: LOOPWERK_BRAND,
});

const noLiquid = (text: string) => !/\{[{%]/.test(text);

describe('WhatsAppRenderer', () => {
  it('converts markdown to WhatsApp formatting and adds the image and the call to action as a button', async () => {
    const compiled = await renderer.compile(
      input({ headline: 'Zomer', body: 'Het is **zomer**, {{ customer.firstName }}. Loop *mee*.\n\n- ~~oud~~ nieuw\n- `code`', callToAction: { label: 'Bekijk de actie', url: 'https://example.com/zomer' } }),
    );
    const output = compiled.fill({ attributes: { firstName: 'Sanne' }, now });
    expect(output.text).toBe('*Zomer*\n\nHet is *zomer*, Sanne. Loop _mee_.\n\n- ~oud~ nieuw\n- ```code```\n\nBekijk de actie: https://example.com/zomer');
    expect(output.parts).toMatchObject({ imageUrl: 'https://hub/a/whatsapp', buttons: ['Bekijk de actie'], template: null });
    expect(output.warnings).toEqual([]);
  });

  it('renders a pre-approved template with filled parameters when the variant names one', async () => {
    const compiled = await renderer.compile(input({ headline: 'Zomer' }, { templateName: 'zomer_actie', templateParameters: ['{{ customer.firstName }}', '20%'] }));
    const output = compiled.fill({ attributes: { firstName: 'Sanne' }, now });
    expect(output.parts.template).toEqual({ name: 'zomer_actie', language: 'nl_BE', parameters: ['Sanne', '20%'] });
  });

  it('keeps every text within 1,024 characters and at most three buttons of 20, whatever the message', async () => {
    await fc.assert(
      // Text without Liquid syntax: a broken token is refused when saved, which another test covers.
      fc.asyncProperty(fc.string({ maxLength: 3000 }).filter(noLiquid), fc.array(fc.string({ minLength: 1, maxLength: 60 }).filter(noLiquid), { maxLength: 6 }), async (body, buttons) => {
        const output = (await renderer.compile(input({ headline: 'Kop', body }, { buttons }))).fill({ attributes: {}, now });
        expect([...output.text].length).toBeLessThanOrEqual(WHATSAPP_TEXT_LIMIT);
        const labels = output.parts.buttons as string[];
        expect(labels.length).toBeLessThanOrEqual(WHATSAPP_BUTTONS);
        for (const label of labels) expect([...label].length).toBeLessThanOrEqual(WHATSAPP_BUTTON_LIMIT);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses hand-written variants that break the rules when they are saved', () => {
    expect(() => renderer.validateOverride({ text: 'x'.repeat(1025) })).toThrow(BadUserInputError);
    expect(() => renderer.validateOverride({ buttons: ['a', 'b', 'c', 'd'] })).toThrow(/at most 3/);
    expect(() => renderer.validateOverride({ buttons: ['Een veel te lange knoptekst'] })).toThrow(BadUserInputError);
    expect(() => renderer.validateOverride({ templateName: 'Zomer Actie' })).toThrow(/approved WhatsApp template/);
    expect(() => renderer.validateOverride({ templateParameters: ['x'] })).toThrow(/needs fields.templateName/);
    expect(() => renderer.validateOverride({ text: 'Hoi', buttons: ['Ja', 'Nee'], templateName: 'zomer_actie', templateParameters: ['x'] })).not.toThrow();
  });

  it('formats links as label and address, and drops raw HTML', () => {
    expect(markdownToWhatsApp('Zie [de actie](https://example.com) <b>nu</b>')).toBe('Zie de actie (https://example.com) nu');
  });
});
