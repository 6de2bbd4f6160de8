import { marked, Token, Tokens } from 'marked';
import { CustomerAttributes } from '../../../common/customer-context';
import { RenditionSpec } from '../../../common/renditions/rendition-spec';
import { safeLinkUrl } from '../../../common/urls/safe-url';
import { returnLine } from '../brand';
import { ChannelRenderer, CompiledRendering, ManifestEntry, OutputPart, PrintFile, PrintOutput, Recipient, RenderedOutput, RenderInput } from '../channel-renderer';
import { escapeHtml } from '../html/escape-html';
import { htmlGuards } from '../html/html-guard';
import { ADDRESS_WINDOW, Block, BODY_TOP, DrawingTools, drawLetter, LETTER_PAGE, LetterContent, MM, OpenedImage, PrintedCallToAction, QR_MM, readWritten, Run, standaloneTools } from '../letter/letter-drawing';
import type { PrintFonts } from '../letter/print-fonts';
import { qrHtml, qrModules } from '../letter/qr-code';
import { letterDateFormat, phrasesFor, salutation } from '../locale/salutation';
import { markdownToPlainText, markdownToSafeHtml } from '../markdown/markdown';
import { TokenScope, TokenTemplate, TokenVault } from '../personalisation/liquid-sandbox';

/**
 * A printed letter: an A4 PDF with the recipient's address in the window-envelope position, the
 * date in the locale's format, a salutation by tone, the markdown body with headings, lists and
 * emphasis, the sign-off and the legal line; plus the same letter as print HTML. The layout is
 * compiled once; per recipient the PDF is drawn (its address differs), synchronously. Campaign
 * runs draw a whole batch into one print file instead (LetterPrintFile).
 */
export class LetterRenderer implements ChannelRenderer {
  /** pdfkit, fontkit and the font tables weigh ~50 MB: loaded with the first letter, not at start-up. */
  private printing: Promise<Printing> | null = null;
  readonly key = 'letter';
  readonly description = 'A printed letter: A4 PDF for a window envelope, and print HTML';
  readonly overrideKeys: string[] = [];
  readonly renderCost = 500;
  readonly graphqlType = 'LetterVariant';
  readonly parts: Record<string, OutputPart> = {
    pdfBase64: { type: 'String', description: 'The A4 PDF, base64-encoded' },
    html: { type: 'String', description: 'The same letter as print HTML' },
    pageCount: { type: 'Int', nullable: true },
  };
  /** 80 mm at 300 dpi for print, flattened on white, no alpha; its bytes are embedded in the PDF. */
  readonly renditions: Record<string, RenditionSpec> = { letter: { width: 945, fit: 'inside', format: 'jpeg', quality: 92, flatten: true } };
  readonly printRendition = 'letter';
  /** Mailings are printed and posted in postal-code order (postal services discount presorted mail). */
  readonly print: PrintOutput = { sortPath: ['address', 'postalCode'], openFile: async () => new LetterPrintFile(await this.loadPrinting()) };
  readonly constraints = [{ name: 'pages', limit: null, description: 'pages of A4; lines are never split across pages' }];

  async compile(input: RenderInput): Promise<CompiledRendering> {
    const { roles, locale, tone, config, brand } = input;
    const printing = await this.loadPrinting();
    const vault = new TokenVault();
    const blocks = marked.lexer(vault.protect(roles.body ?? '')).flatMap((token) => toBlocks(token, vault));
    const headline = TokenTemplate.plain(roles.headline ?? '', 'fields.headline');
    const signOff = TokenTemplate.plain(roles.signOff ?? '', 'fields.signOff');
    const legal = TokenTemplate.plain(roles.legal ?? '', 'fields.legal');
    const plainBody = TokenTemplate.plain(markdownToPlainText(roles.body ?? ''), 'fields.body');
    const htmlVault = new TokenVault();
    const htmlText = (text: string | undefined, field: string) => TokenTemplate.html(htmlVault.restore(escapeHtml(htmlVault.protect(text ?? ''))), field, htmlGuards.text);
    const printParts = {
      headline: htmlText(roles.headline, 'fields.headline'),
      body: TokenTemplate.html(htmlVault.restore(markdownToSafeHtml(htmlVault.protect(roles.body ?? ''))), 'fields.body', htmlGuards.fragment),
      signOff: htmlText(roles.signOff, 'fields.signOff'),
      legal: htmlText(roles.legal, 'fields.legal'),
    };
    const senderLines = brand.senderLines;
    const ctaLabel = TokenTemplate.plain(roles.callToAction?.label ?? '', 'fields.callToAction.label');
    const ctaUrl = TokenTemplate.plain(roles.callToAction?.url ?? '', 'fields.callToAction.url');
    const phrases = phrasesFor(locale);
    const formatDate = letterDateFormat(locale);
    // Most mailings link every recipient to the same page: its QR code is made once.
    let lastQr = { url: '', modules: [] as boolean[][] };
    const qrOf = (url: string) => (lastQr.url === url ? lastQr : (lastQr = { url, modules: qrModules(url) })).modules;

    const prepare = (recipient: Recipient): LetterContent => {
      const warnings: string[] = [];
      const scope: TokenScope & Record<string, unknown> = { customer: recipient.attributes, now: recipient.now };
      if (senderLines.length === 0) warnings.push('No brand is set for this theme and locale, so the letter has no sender block (set one with upsertBrand)');
      const cta = roles.callToAction ? callToAction(ctaLabel.render(scope, warnings), ctaUrl.render(scope, warnings), config.linkSchemes, warnings, qrOf) : null;
      const address = addressLines(recipient.attributes);
      if (address.length < 2) warnings.push('The customer has no complete postal address (address.lines, postalCode, city); the address window is incomplete');
      const greeting = salutation(locale, tone, recipient.attributes);
      const date = formatDate(recipient.now);
      const legalText = [legal.render(scope, warnings), brand.legal ?? ''].filter(Boolean).join('\n');
      const texts = { headline: headline.render(scope, warnings), signOff: signOff.render(scope, warnings), legal: legalText };
      return { blocks, scope, warnings, senderLines, returnLine: returnLine(brand), address, greeting, date, texts, cta, image: input.printImage, pageLabel: phrases.page };
    };
    const plainText = (letter: LetterContent): string =>
      [letter.address.join('\n'), letter.date, '', letter.texts.headline, '', letter.greeting, '', plainBody.render(letter.scope, letter.warnings), '', letter.cta ? `${letter.cta.label}: ${letter.cta.url}` : '', '', letter.texts.signOff, '', letter.texts.legal]
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
    const printHtml = (letter: LetterContent): string =>
      printHtmlDocument({
        headline: printParts.headline.render(letter.scope, letter.warnings),
        bodyHtml: printParts.body.render(letter.scope, letter.warnings),
        signOff: printParts.signOff.render(letter.scope, letter.warnings),
        legal: [printParts.legal.render(letter.scope, letter.warnings), escapeHtml(brand.legal ?? '')].filter(Boolean).join('<br>'),
        cta: letter.cta ? `<div class="cta"><p><strong>${escapeHtml(letter.cta.label)}</strong><br>${escapeHtml(letter.cta.url)}</p>${qrHtml(letter.cta.qr, QR_MM, `QR code: ${escapeHtml(letter.cta.url)}`)}</div>` : '',
        returnLine: escapeHtml(letter.returnLine),
        address: letter.address.map(escapeHtml),
        salutation: escapeHtml(letter.greeting),
        date: escapeHtml(letter.date),
        senderLines: senderLines.map(escapeHtml),
        locale: escapeHtml(locale),
      });
    return new LetterRendering(printing, (recipient) => {
      const letter = prepare(recipient);
      return { letter, html: () => printHtml(letter), text: () => plainText(letter) };
    });
  }

  /** A letter has no channel-only keys; a variant's model fields are checked against its model, not here. */
  validateOverride(): void {}

  private loadPrinting(): Promise<Printing> {
    return (this.printing ??= loadPrinting());
  }
}

type PdfDocumentClass = typeof import('pdfkit');

interface Printing {
  PdfDocument: PdfDocumentClass;
  fonts: PrintFonts;
}

async function loadPrinting(): Promise<Printing> {
  const [{ default: PdfDocument }, { PrintFonts }] = await Promise.all([import('pdfkit'), import('../letter/print-fonts')]);
  return { PdfDocument, fonts: new PrintFonts() };
}

/** One recipient's letter, ready to draw; its print HTML and plain text are made on demand (a print file needs no HTML), each adding its warnings to the letter's. */
interface PreparedLetter {
  letter: LetterContent;
  html(): string;
  text(): string;
}

/** A compiled letter: drawn into a document of its own by `fill`, or into a print file by LetterPrintFile. */
class LetterRendering implements CompiledRendering {
  constructor(
    private readonly printing: Printing,
    readonly prepare: (recipient: Recipient) => PreparedLetter,
  ) {}

  fill(recipient: Recipient): RenderedOutput {
    const prepared = this.prepare(recipient);
    const doc = new this.printing.PdfDocument({ ...LETTER_PAGE, bufferPages: true, info: { Title: prepared.letter.texts.headline, Creator: 'Facet' } });
    const pageCount = drawLetter(doc, prepared.letter, standaloneTools(this.printing.fonts));
    doc.end();
    const pdf = Buffer.concat(readWritten(doc));
    const html = prepared.html();
    const text = prepared.text();
    return { text, warnings: prepared.letter.warnings, metrics: [{ name: 'pages', value: pageCount, limit: null }], parts: { pdfBase64: pdf.toString('base64'), html, pageCount } };
  }
}

/**
 * A batch of letters in one pdfkit document: each letter starts on a new page (a blank one after
 * an odd page count), its pages are written out as soon as their numbers are on them, and the
 * fonts' subsets and the images go into the file once.
 */
class LetterPrintFile implements PrintFile {
  private readonly doc: PDFKit.PDFDocument;
  private readonly tools: DrawingTools;
  private readonly manifest: ManifestEntry[] = [];
  /** The file so far, a piece per letter: pdfkit's stream would hold it as thousands of small writes. */
  private readonly written: Buffer[] = [];
  private pages = 0;
  private failure: Error | null = null;

  constructor(printing: Printing) {
    this.doc = new printing.PdfDocument({ ...LETTER_PAGE, bufferPages: true, autoFirstPage: false, info: { Title: 'Print file', Creator: 'Facet' } });
    const opened = new Map<Buffer, OpenedImage>();
    const document = this.doc as unknown as { openImage(bytes: Buffer): OpenedImage };
    this.tools = { fonts: printing.fonts, image: (bytes) => opened.get(bytes) ?? opened.set(bytes, document.openImage(bytes)).get(bytes)! };
  }

  append(rendering: CompiledRendering, recipient: Recipient, entry: Pick<ManifestEntry, 'customerId' | 'line'>): RenderedOutput {
    if (this.failure) throw this.failure;
    if (!(rendering instanceof LetterRendering)) throw new Error('A letter print file takes letters only');
    try {
      const prepared = rendering.prepare(recipient);
      this.doc.addPage();
      const pageCount = drawLetter(this.doc, prepared.letter, this.tools);
      if (pageCount % 2 === 1) this.doc.addPage();
      this.doc.flushPages();
      this.written.push(Buffer.concat(readWritten(this.doc)));
      this.manifest.push({ ...entry, firstPage: this.pages + 1, pageCount });
      this.pages += pageCount + (pageCount % 2);
      return { text: prepared.text(), warnings: prepared.letter.warnings, metrics: [{ name: 'pages', value: pageCount, limit: null }], parts: { pageCount } };
    } catch (error) {
      this.failure = new Error(`The print file was abandoned: a letter could not be drawn into it (${(error as Error).message})`);
      throw error;
    }
  }

  finish(): { pdf: Buffer; manifest: ManifestEntry[] } {
    if (this.failure) throw this.failure;
    this.doc.end();
    return { pdf: Buffer.concat([...this.written, ...readWritten(this.doc)]), manifest: this.manifest };
  }
}

/** Markdown blocks → drawable blocks of styled runs, each run's text a token template. */
function toBlocks(token: Token, vault: TokenVault): Block[] {
  switch (token.type) {
    case 'heading':
      return [{ kind: 'heading', runs: toRuns((token as Tokens.Heading).tokens, vault) }];
    case 'paragraph':
      return [{ kind: 'paragraph', runs: toRuns((token as Tokens.Paragraph).tokens, vault) }];
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.flatMap((child) => toBlocks(child, vault)).map((block) => (block.kind === 'paragraph' ? { ...block, kind: 'quote' as const } : block));
    case 'list': {
      const list = token as Tokens.List;
      return [{ kind: 'list', ordered: list.ordered, items: list.items.map((item) => item.tokens.flatMap((child) => ('tokens' in child && child.tokens ? toRuns(child.tokens, vault) : toRuns([child], vault)))) }];
    }
    case 'code':
      return [{ kind: 'paragraph', runs: [plainRun((token as Tokens.Code).text, vault)] }];
    default:
      return [];
  }
}

function toRuns(tokens: Token[] | undefined, vault: TokenVault, style: { bold: boolean; italic: boolean; link: string | null } = { bold: false, italic: false, link: null }): Run[] {
  return (tokens ?? []).flatMap((token): Run[] => {
    switch (token.type) {
      case 'strong':
        return toRuns((token as Tokens.Strong).tokens, vault, { ...style, bold: true });
      case 'em':
        return toRuns((token as Tokens.Em).tokens, vault, { ...style, italic: true });
      case 'link': {
        const href = (token as Tokens.Link).href;
        return toRuns((token as Tokens.Link).tokens, vault, { ...style, link: /^(https?:|mailto:|tel:)/i.test(href) ? href : null });
      }
      case 'br':
        return [{ ...style, template: TokenTemplate.plain('\n', 'fields.body') }];
      case 'html':
        return [];
      default: {
        if ('tokens' in token && token.tokens) return toRuns(token.tokens, vault, style);
        const text = 'text' in token ? decode(String(token.text)) : '';
        return [{ ...style, template: TokenTemplate.plain(vault.restore(text), 'fields.body') }];
      }
    }
  });
}

function plainRun(text: string, vault: TokenVault): Run {
  return { template: TokenTemplate.plain(vault.restore(text), 'fields.body'), bold: false, italic: false, link: null };
}

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_entity, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '');
}

/** Name line, street lines, postal code and city, country. */
export function addressLines(customer: CustomerAttributes): string[] {
  const name = [customer.title, customer.firstName, customer.lastName].filter((part) => typeof part === 'string' && part.trim()).join(' ');
  const address = customer.address ?? {};
  const lines = Array.isArray(address.lines) ? address.lines.filter((line): line is string => typeof line === 'string') : [];
  const place = [address.postalCode, address.city].filter((part) => typeof part === 'string' && part.trim()).join('  ');
  return [name, ...lines, place, typeof address.country === 'string' ? address.country.toUpperCase() : ''].filter(Boolean);
}

/** The call to action as print shows it: the link must be one the hub allows, or it is left out with a warning. */
function callToAction(label: string, url: string, linkSchemes: readonly string[], warnings: string[], qrOf: (url: string) => boolean[][]): PrintedCallToAction | null {
  const safe = safeLinkUrl(url, linkSchemes);
  if (!safe || !label.trim()) {
    warnings.push('The call to action was left out of the letter: it needs a label and a link the hub allows');
    return null;
  }
  return { label: label.trim(), url: safe, qr: qrOf(safe) };
}

/** The print document around parts that are already escaped or sanitised (each filled part passed its guard). */
function printHtmlDocument(parts: { headline: string; bodyHtml: string; signOff: string; legal: string; cta: string; address: string[]; salutation: string; date: string; senderLines: string[]; returnLine: string; locale: string }): string {
  const { headline, bodyHtml, signOff, legal, cta, address, salutation: greeting, date, senderLines, returnLine: returnAddress, locale } = parts;
  const mm = (value: number) => `${value}mm`;
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${headline}</title>
<style>
  @page { size: A4; margin: 0; }
  body { margin: 0; font-family: Helvetica, Arial, sans-serif; font-size: 11pt; color: #000; }
  .page { position: relative; width: 210mm; min-height: 297mm; padding: ${mm(BODY_TOP / MM)} ${mm(20)} ${mm(25)} ${mm(25)}; box-sizing: border-box; }
  .sender { position: absolute; top: ${mm(20)}; right: ${mm(20)}; text-align: right; font-size: 9pt; color: #333; }
  .window { position: absolute; left: ${mm(ADDRESS_WINDOW.left / MM)}; top: ${mm(ADDRESS_WINDOW.top / MM)}; width: ${mm(ADDRESS_WINDOW.width / MM)}; height: ${mm(ADDRESS_WINDOW.height / MM)}; padding: 3mm 5mm; box-sizing: border-box; font-size: 10pt; }
  .window .return { font-size: 7pt; color: #555; margin-bottom: 4mm; }
  .date { position: absolute; top: ${mm(98)}; right: ${mm(20)}; }
  h1 { font-size: 12pt; margin: 0 0 4mm; }
  p, li { line-height: 1.4; orphans: 3; widows: 3; }
  h2, h3 { font-size: 12pt; break-after: avoid; }
  .legal { font-size: 8pt; color: #555; margin-top: 10mm; }
  .cta { display: flex; gap: 4mm; align-items: center; break-inside: avoid; }
  .cta p { margin: 0; }
  .qr { display: grid; flex: none; background: #fff; }
  .qr i { display: block; }
  .qr i.b { background: #000; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
</style>
</head>
<body>
<div class="page">
  <div class="sender">${senderLines.join('<br>')}</div>
  <div class="window" data-window="address"><div class="return">${returnAddress}</div>${address.map((line) => `${line}<br>`).join('')}</div>
  <div class="date">${date}</div>
  <h1>${headline}</h1>
  <p>${greeting}</p>
  ${bodyHtml}
  ${cta}
  <p>${signOff}</p>
  <div class="legal">${legal}</div>
</div>
</body>
</html>`;
}
