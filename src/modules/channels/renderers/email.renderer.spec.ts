import { RenderInput } from '../channel-renderer';
import { DEFAULT_RENDERER_CONFIG } from '../renderer-config';
import { Tone } from '../../personas/persona.types';
import { EmailRenderer } from './email.renderer';
import { LOOPWERK_BRAND } from '../test-fixtures/test-brand';

const renderer = new EmailRenderer();
const now = new Date('2027-07-05T10:00:00Z');
const roles: RenderInput['roles'] = {
  headline: 'Zomer in beweging',
  summary: 'Twee weken 20% korting, {{ customer.firstName | default: "sporter" }}',
  body: 'Het is **zomer**.\n\n## Waarom nu?\n\n- Nieuwe collectie\n- Gratis looptest',
  callToAction: { label: 'Bekijk de actie', url: 'https://example.com/zomer' },
  image: { url: 'https://cdn.example/zomer.jpg', alt: 'Een loper in de zon' },
  signOff: 'Sportieve groet',
  legal: 'Actie geldig t/m 14 juli.',
};
const input = (overrides: Record<string, unknown> = {}, tone: Tone | null = Tone.INFORMAL): RenderInput => ({
  itemId: 'i',
  itemVersion: 1,
  locale: 'nl',
  roles,
  overrides,
  tone,
  images: { email: 'https://hub.example/assets/a/email' },
  config: DEFAULT_RENDERER_CONFIG,
  brand: LOOPWERK_BRAND,
});

describe('EmailRenderer', () => {
  it('renders subject, preheader, table-layout HTML with inlined styles, and a text part', async () => {
    const output = (await renderer.compile(input())).fill({ attributes: { firstName: 'Sanne' }, now });
    expect(output.parts.subject).toBe('Zomer in beweging');
    expect(output.parts.preheader).toBe('Twee weken 20% korting, Sanne');
    const html = output.parts.html as string;
    expect(html).toMatch(/<table[^>]*role="presentation"/);
    expect(html).toMatch(/<td[^>]*style="[^"]*"/);
    expect(html).toContain('Hoi Sanne,');
    expect(html).toContain('<strong>zomer</strong>');
    expect(html).toContain('href="https://example.com/zomer"');
    expect(html).toMatch(/<img[^>]*src="https:\/\/hub\.example\/assets\/a\/email"/);
    expect(html).toMatch(/<img[^>]*alt="Een loper in de zon"/);
    expect(html).toContain('href="%%unsubscribe_url%%"');
    expect(html).toContain('Afmelden');
    expect(output.text).toContain('Hoi Sanne,');
    expect(output.text).toContain('Waarom nu?');
    expect(output.text).not.toMatch(/<[a-z]/);
  });

  it('addresses a formal persona formally', async () => {
    const output = (await renderer.compile(input({}, Tone.FORMAL))).fill({ attributes: { title: 'heer', lastName: 'De Vries' }, now });
    expect(output.parts.html).toContain('Geachte heer De Vries,');
  });

  it('escapes customer data in the HTML', async () => {
    const output = (await renderer.compile(input())).fill({ attributes: { firstName: '<img src=x onerror=alert(1)>' }, now });
    expect(output.parts.html).not.toContain('<img src=x');
    expect(output.parts.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('keeps the subject within 78 characters', async () => {
    const output = (await renderer.compile(input({ subject: '{{ customer.firstName }} '.concat('lang onderwerp '.repeat(6)) }))).fill({ attributes: { firstName: 'Maximiliaan-Alexander' }, now });
    expect([...(output.parts.subject as string)].length).toBeLessThanOrEqual(78);
    expect(() => renderer.validateOverride({ subject: 'x'.repeat(79) })).toThrow(/limit is 78/);
  });
});
