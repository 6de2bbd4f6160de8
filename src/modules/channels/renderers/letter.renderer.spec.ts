import { PDFDocument } from 'pdf-lib';
import { Tone } from '../../personas/persona.types';
import { RenderInput } from '../channel-renderer';
import { DEFAULT_RENDERER_CONFIG } from '../renderer-config';
import { pdfText } from '../test-fixtures/pdf-text';
import { LetterRenderer } from './letter.renderer';
import { LOOPWERK_BRAND } from '../test-fixtures/test-brand';

const renderer = new LetterRenderer();
const now = new Date('2026-11-24T10:00:00Z');
const devries = { title: 'heer', firstName: 'Jan', lastName: 'De Vries', address: { lines: ['Keizersgracht 1'], postalCode: '1015 CJ', city: 'Amsterdam' } };

const input = (locale: string, tone: Tone | null, body = 'Het is **zomer**.\n\n## Waarom nu?\n\n- Nieuwe *collectie*\n- Gratis looptest'): RenderInput => ({
  itemId: 'i',
  itemVersion: 1,
  locale,
  roles: { headline: 'Zomer in beweging', body, signOff: 'Sportieve groet, Loopwerk', legal: 'Actie geldig t/m 14 juli.' },
  overrides: {},
  tone,
  images: {},
  config: DEFAULT_RENDERER_CONFIG,
  brand: LOOPWERK_BRAND,
});

describe('LetterRenderer', () => {
  it("prints the brand's sender block, return line and legal line, and the call to action with a QR code", async () => {
    const brand = { ...LOOPWERK_BRAND, senderLines: ['Loopwerk', 'Postbus 123', '1000 AB Amsterdam'], returnAddress: 'Loopwerk · Antwoordnummer 1', legal: 'KvK 12345678' };
    const base = input('nl', Tone.FORMAL);
    const output = await (await renderer.compile({ ...base, brand, roles: { ...base.roles, callToAction: { label: 'Bekijk de actie', url: 'https://example.com/zomer?klant={{ customer.lastName | url_encode }}' } } })).fill({ attributes: devries, now });
    const text = await pdfText(Buffer.from(output.parts.pdfBase64 as string, 'base64'));
    expect(text).toContain('Postbus 123');
    expect(text).toContain('Loopwerk · Antwoordnummer 1');
    expect(text).toContain('Bekijk de actie');
    expect(text).toContain('https://example.com/zomer?klant=De+Vries');
    expect(text).toContain('KvK 12345678');
    expect(output.parts.html).toContain('<div class="qr" role="img" aria-label="QR code: https://example.com/zomer?klant=De+Vries"');
    expect(output.text).toContain('Bekijk de actie: https://example.com/zomer?klant=De+Vries');
    expect(output.warnings).toEqual([]);
  });

  it('leaves out a call to action whose link the hub does not allow, and warns about a missing brand', async () => {
    const base = input('nl', Tone.FORMAL);
    const output = await (await renderer.compile({ ...base, brand: { ...LOOPWERK_BRAND, senderLines: [] }, roles: { ...base.roles, callToAction: { label: 'Klik', url: 'javascript:alert(1)' } } })).fill({ attributes: devries, now });
    expect(output.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/No brand is set/), expect.stringMatching(/call to action was left out/)]));
    expect(output.parts.html).not.toContain('javascript:');
  });

  it('produces a real A4 PDF with the address, the date in the locale, a formal salutation and the rendered body', async () => {
    const output = await (await renderer.compile(input('nl', Tone.FORMAL))).fill({ attributes: devries, now });
    const pdf = Buffer.from(output.parts.pdfBase64 as string, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('heer Jan De Vries');
    expect(text).toContain('Keizersgracht 1');
    expect(text).toMatch(/1015 CJ\s+Amsterdam/);
    expect(text).toContain('24 november 2026');
    expect(text).toContain('Geachte heer De Vries,');
    expect(text).toContain('Waarom nu?');
    expect(text).toContain('Nieuwe collectie');
    expect(text).not.toContain('**');
    expect(text).toContain('Sportieve groet, Loopwerk');
    expect(output.parts.pageCount).toBe(1);
    expect(output.parts.html).toContain('Geachte heer De Vries,');
    expect(output.parts.html).toContain('data-window="address"');
  });

  it('prints every script a name or a message may contain, in fonts that have its glyphs', async () => {
    const body = 'Καλό καλοκαίρι. İstanbul’da ığdır şöyle. Привет. 夏天快乐，一起跑步吧。ひらがなとカタカナ。여름 세일 🏃‍♀️☀️';
    const output = await (await renderer.compile(input('nl', Tone.FORMAL, body))).fill({ attributes: { ...devries, title: undefined, firstName: 'Łukasz', lastName: 'Żółć' }, now });
    const text = await pdfText(Buffer.from(output.parts.pdfBase64 as string, 'base64'));
    expect(text).toContain('Łukasz Żółć');
    // Text extraction may put a space where one font run meets the next, so spaces are not compared.
    const unspaced = text.replace(/\s+/g, '');
    for (const words of ['Καλό καλοκαίρι', 'İstanbul’da ığdır şöyle', 'Привет', '夏天快乐', 'ひらがなとカタカナ', '여름 세일', '🏃']) expect(unspaced).toContain(words.replace(/\s+/g, ''));
    expect(text).not.toMatch(/V¶7|\ufffd/);
    expect(output.warnings.filter((warning) => /cannot print/.test(warning))).toEqual([]);
  });

  it('leaves out a character no font has, with a warning instead of garbage', async () => {
    const output = await (await renderer.compile(input('nl', Tone.FORMAL, 'Prijs \u{E000} nu'))).fill({ attributes: devries, now });
    expect(output.warnings).toContain('The letter cannot print "\u{E000}" (U+E000): no font has them, so they were left out');
    expect(await pdfText(Buffer.from(output.parts.pdfBase64 as string, 'base64'))).toMatch(/Prijs\s+nu/);
  });

  it('greets informally by first name, in English too', async () => {
    const dutch = await (await renderer.compile(input('nl', Tone.INFORMAL))).fill({ attributes: { firstName: 'Sanne' }, now });
    expect(dutch.text).toContain('Hoi Sanne,');
    const english = await (await renderer.compile(input('en', Tone.FORMAL))).fill({ attributes: { title: 'Mr', lastName: 'Smith' }, now });
    expect(await pdfText(Buffer.from(english.parts.pdfBase64 as string, 'base64'))).toContain('Dear Mr Smith,');
    expect(english.text).toContain('24 November 2026');
    const informal = await (await renderer.compile(input('en', Tone.INFORMAL))).fill({ attributes: { firstName: 'Sam' }, now });
    expect(informal.text).toContain('Hi Sam,');
  });

  it('breaks a long body over several pages, with page numbers', async () => {
    const body = Array.from({ length: 40 }, (_, index) => `## Deel ${index + 1}\n\nEen alinea over de zomer die lang genoeg is om meerdere regels te vullen op het papier van deze brief.`).join('\n\n');
    const output = await (await renderer.compile(input('nl', Tone.FORMAL, body))).fill({ attributes: devries, now });
    expect(output.parts.pageCount).toBeGreaterThan(2);
    const text = await pdfText(Buffer.from(output.parts.pdfBase64 as string, 'base64'));
    expect(text).toContain(`Pagina 1 van ${output.parts.pageCount}`);
    expect(text).toContain('Deel 40');
  });

  it('warns when the address is incomplete instead of printing "undefined"', async () => {
    const output = await (await renderer.compile(input('nl', Tone.FORMAL))).fill({ attributes: {}, now });
    expect(output.warnings.join()).toMatch(/no complete postal address/);
    expect(output.text).toContain('Geachte klant,');
    expect(output.text).not.toMatch(/undefined|null/);
  });

  it('draws a batch into one print file: each letter on a new sheet, in the order given, with a manifest', async () => {
    const long = Array.from({ length: 12 }, (_, index) => `## Deel ${index + 1}\n\nEen alinea over de zomer die lang genoeg is om meerdere regels te vullen op het papier van deze brief.`).join('\n\n');
    const short = await renderer.compile(input('nl', Tone.FORMAL));
    const twoPages = await renderer.compile(input('nl', Tone.FORMAL, long));
    const file = await renderer.print.openFile();
    const recipients = [
      { rendering: short, lastName: 'Eerste' },
      { rendering: twoPages, lastName: 'Tweede' },
      { rendering: short, lastName: 'Derde' },
    ];
    const outputs = recipients.map(({ rendering, lastName }, index) => file.append(rendering, { attributes: { ...devries, lastName }, now }, { customerId: `c${index}`, line: index + 1 }));
    const { pdf, manifest } = file.finish();

    expect(outputs.map((output) => output.parts)).toEqual([{ pageCount: 1 }, { pageCount: 2 }, { pageCount: 1 }]);
    expect(outputs[1].text).toContain('Geachte heer Tweede,');
    expect(manifest).toEqual([
      { customerId: 'c0', line: 1, firstPage: 1, pageCount: 1 },
      { customerId: 'c1', line: 2, firstPage: 3, pageCount: 2 },
      { customerId: 'c2', line: 3, firstPage: 5, pageCount: 1 },
    ]);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(6);
    const pages = pdfText(pdf).split(/-- \d+ of 6 --/).map((page) => page.trim());
    expect(pages[0]).toContain('Geachte heer Eerste,');
    expect(pages[1]).toBe('');
    expect(pages[2]).toContain('Geachte heer Tweede,');
    expect(pages[3]).toContain('Pagina 2 van 2');
    expect(pages[4]).toContain('Geachte heer Derde,');
    expect(pages[5]).toBe('');
  });

  it('refuses a rendering of another channel into a letter print file, and is unusable after a failed letter', async () => {
    const file = await renderer.print.openFile();
    const foreign = { fill: () => ({ text: '', warnings: [], metrics: [], parts: {} }) };
    expect(() => file.append(foreign, { attributes: devries, now }, { customerId: null, line: 1 })).toThrow('A letter print file takes letters only');
    const rendering = await renderer.compile(input('nl', Tone.FORMAL));
    const broken = { ...devries, get address(): never { throw new Error('unreadable address'); } };
    expect(() => file.append(rendering, { attributes: broken, now }, { customerId: null, line: 2 })).toThrow('unreadable address');
    expect(() => file.finish()).toThrow(/print file was abandoned.*unreadable address/);
  });
});
