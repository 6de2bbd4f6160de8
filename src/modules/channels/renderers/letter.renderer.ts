import { marked, Token, Tokens } from 'marked';
import { CustomerAttributes } from '../../../common/customer-context';
import { RenditionSpec } from '../../../common/renditions/rendition-spec';
import { safeLinkUrl } from '../../../common/urls/safe-url';
import { returnLine } from '../brand';
import { qrHtml, qrModules, QUIET_ZONE } from '../letter/qr-code';
import { ChannelRenderer, CompiledRendering, OutputPart, PrintOutput, RenderInput } from '../channel-renderer';
import { escapeHtml } from '../html/escape-html';
import { htmlGuards } from '../html/html-guard';
import { formatLetterDate, phrasesFor, salutation } from '../locale/salutation';
import type { PrintFonts } from '../letter/print-fonts';
import { markdownToPlainText, markdownToSafeHtml } from '../markdown/markdown';
import { TokenScope, TokenTemplate, TokenVault } from '../personalisation/liquid-sandbox';

const MM = 72 / 25.4;
/** DIN 5008 form B / NEN 1026 window envelope: the address window's position on A4. */
export const ADDRESS_WINDOW = { left: 20 * MM, top: 45 * MM, width: 85 * MM, height: 45 * MM };
const MARGIN = { left: 25 * MM, right: 20 * MM, top: 20 * MM, bottom: 25 * MM };
const BODY_TOP = 105 * MM;

interface Run {
  template: TokenTemplate;
  bold: boolean;
  italic: boolean;
  link: string | null;
}

type Block = { kind: 'heading' | 'paragraph' | 'quote'; runs: Run[] } | { kind: 'list'; ordered: boolean; items: Run[][] };

/**
 * A printed letter: an A4 PDF with the recipient's address in the window-envelope position, the
 * date in the locale's format, a salutation by tone, the markdown body with headings, lists and
 * emphasis, the sign-off and the legal line; plus the same letter as print HTML. The layout is
 * compiled once; per recipient the PDF is drawn (its address differs), synchronously.
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
  readonly print: PrintOutput = { pdfPart: 'pdf', omitFromOutput: ['pdfBase64', 'html'], sortPath: ['address', 'postalCode'] };
  readonly constraints = [{ name: 'pages', limit: null, description: 'pages of A4; lines are never split across pages' }];

  async compile(input: RenderInput): Promise<CompiledRendering> {
    const { roles, locale, tone, config, brand } = input;
    const { PdfDocument, fonts } = await (this.printing ??= loadPrinting());
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
    return {
      fill: (recipient) => {
        const warnings: string[] = [];
        const scope: TokenScope & Record<string, unknown> = { customer: recipient.attributes, now: recipient.now };
        if (senderLines.length === 0) warnings.push('No brand is set for this theme and locale, so the letter has no sender block (set one with upsertBrand)');
        const cta = roles.callToAction ? callToAction(ctaLabel.render(scope, warnings), ctaUrl.render(scope, warnings), config.linkSchemes, warnings) : null;
        const address = addressLines(recipient.attributes);
        if (address.length < 2) warnings.push('The customer has no complete postal address (address.lines, postalCode, city); the address window is incomplete');
        const greeting = salutation(locale, tone, recipient.attributes);
        const date = formatLetterDate(locale, recipient.now);
        const legalText = [legal.render(scope, warnings), brand.legal ?? ''].filter(Boolean).join('\n');
        const texts = { headline: headline.render(scope, warnings), signOff: signOff.render(scope, warnings), legal: legalText };
        const { pdf, pageCount } = drawPdf({ PdfDocument, fonts, blocks, scope, warnings, senderLines, returnLine: returnLine(brand), address, greeting, date, texts, cta, image: input.printImage, pageLabel: phrases.page, title: texts.headline });
        const html = printHtmlDocument({
          headline: printParts.headline.render(scope, warnings),
          bodyHtml: printParts.body.render(scope, warnings),
          signOff: printParts.signOff.render(scope, warnings),
          legal: [printParts.legal.render(scope, warnings), escapeHtml(brand.legal ?? '')].filter(Boolean).join('<br>'),
          cta: cta ? `<div class="cta"><p><strong>${escapeHtml(cta.label)}</strong><br>${escapeHtml(cta.url)}</p>${qrHtml(cta.url, QR_MM, `QR code: ${escapeHtml(cta.url)}`)}</div>` : '',
          returnLine: escapeHtml(returnLine(brand)),
          address: address.map(escapeHtml),
          salutation: escapeHtml(greeting),
          date: escapeHtml(date),
          senderLines: senderLines.map(escapeHtml),
          locale: escapeHtml(locale),
        });
        const text = [address.join('\n'), date, '', texts.headline, '', greeting, '', plainBody.render(scope, warnings), '', cta ? `${cta.label}: ${cta.url}` : '', '', texts.signOff, '', texts.legal].join('\n').replace(/\n{3,}/g, '\n\n').trim();
        return { text, warnings, metrics: [{ name: 'pages', value: pageCount, limit: null }], parts: { pdf, pdfBase64: pdf.toString('base64'), html, pageCount } };
      },
    };
  }

  /** A letter has no channel-only keys; a variant's model fields are checked against its model, not here. */
  validateOverride(): void {}
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

interface DrawRequest {
  PdfDocument: PdfDocumentClass;
  fonts: PrintFonts;
  blocks: Block[];
  scope: TokenScope;
  warnings: string[];
  senderLines: string[];
  returnLine: string;
  address: string[];
  greeting: string;
  date: string;
  texts: { headline: string; signOff: string; legal: string };
  cta: PrintedCallToAction | null;
  image: Buffer | undefined;
  pageLabel: (page: number, pages: number) => string;
  title: string;
}

function drawPdf(request: DrawRequest): { pdf: Buffer; pageCount: number } {
  const doc = new request.PdfDocument({ size: 'A4', margins: MARGIN, bufferPages: true, info: { Title: request.title, Creator: 'Facet' } });
  const write = (text: string, style: TextStyle, options: PDFKit.Mixins.TextOptions = {}, at?: { x: number; y: number }) => writeText(doc, request.fonts, request.warnings, text, style, options, at);
  write(request.senderLines.join('\n'), { size: 9, color: '#333333' }, { width: 65 * MM, align: 'right' }, { x: 125 * MM, y: MARGIN.top });
  write(request.returnLine, { size: 7, color: '#555555' }, { width: ADDRESS_WINDOW.width - 10 * MM, lineBreak: false, ellipsis: true }, { x: ADDRESS_WINDOW.left + 5 * MM, y: ADDRESS_WINDOW.top + 3 * MM });
  write(request.address.join('\n'), { size: 10 }, { width: ADDRESS_WINDOW.width - 10 * MM, height: ADDRESS_WINDOW.height - 14 * MM, ellipsis: true }, { x: ADDRESS_WINDOW.left + 5 * MM, y: ADDRESS_WINDOW.top + 12 * MM });
  write(request.date, { size: 10 }, { width: doc.page.width - MARGIN.left - MARGIN.right, align: 'right' }, { x: MARGIN.left, y: 98 * MM });
  write(request.texts.headline, { size: 12, bold: true }, {}, { x: MARGIN.left, y: BODY_TOP });
  doc.moveDown(0.8);
  if (request.image) {
    try {
      doc.image(request.image, { fit: [80 * MM, 60 * MM] });
      doc.moveDown(0.5);
    } catch {
      request.warnings.push('The print image could not be embedded');
    }
  }
  write(request.greeting, { size: 11 });
  doc.moveDown(0.6);
  for (const block of request.blocks) drawBlock(doc, block, request);
  if (request.cta) drawCallToAction(doc, request.cta, request);
  if (request.texts.signOff) {
    keepLinesTogether(doc, 3);
    write(request.texts.signOff, { size: 11 });
  }
  if (request.texts.legal) {
    doc.moveDown(1.5);
    write(request.texts.legal, { size: 8, color: '#555555' });
  }
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    write(request.pageLabel(index + 1, range.count), { size: 8, color: '#777777' }, { width: doc.page.width - MARGIN.left - MARGIN.right, align: 'center', lineBreak: false }, { x: MARGIN.left, y: doc.page.height - 15 * MM });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  const chunks: Buffer[] = [];
  // pdfkit pushes everything into its stream buffer during end(); reading it back is synchronous.
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  return { pdf: Buffer.concat(chunks), pageCount: range.count };
}

function drawBlock(doc: PDFKit.PDFDocument, block: Block, request: DrawRequest): void {
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  if (block.kind === 'list') {
    block.items.forEach((runs, index) => {
      keepLinesTogether(doc, 1);
      const bullet = block.ordered ? `${index + 1}.` : '•';
      const y = doc.y;
      writeText(doc, request.fonts, request.warnings, bullet, { size: 11 }, { width: 6 * MM, lineBreak: false }, { x: MARGIN.left + 2 * MM, y });
      doc.text('', MARGIN.left + 8 * MM, y);
      drawRuns(doc, runs, request, { width: width - 8 * MM, size: 11 });
      doc.x = MARGIN.left;
    });
    doc.moveDown(0.6);
    return;
  }
  if (block.kind === 'heading') {
    // A heading never stands alone at the foot of a page.
    keepLinesTogether(doc, 3);
    drawRuns(doc, block.runs, request, { width, size: 12.5, bold: true });
    doc.moveDown(0.3);
    return;
  }
  doc.x = block.kind === 'quote' ? MARGIN.left + 6 * MM : MARGIN.left;
  drawRuns(doc, block.runs, request, { width: block.kind === 'quote' ? width - 6 * MM : width, size: 11, italic: block.kind === 'quote' });
  doc.x = MARGIN.left;
  doc.moveDown(0.6);
}

function drawRuns(doc: PDFKit.PDFDocument, runs: Run[], request: DrawRequest, style: { width: number; size: number; bold?: boolean; italic?: boolean }): void {
  const texts = runs.map((run) => ({ run, text: run.template.render(request.scope, request.warnings) })).filter(({ text }) => text !== '');
  texts.forEach(({ run, text }, index) => {
    const textStyle = { size: style.size, bold: style.bold || run.bold, italic: style.italic || run.italic, color: run.link ? '#0b4f8a' : '#000000' };
    writeText(doc, request.fonts, request.warnings, text, textStyle, { width: style.width, continued: index < texts.length - 1, link: run.link ?? undefined, underline: run.link !== null });
  });
  doc.fillColor('#000000');
}

interface TextStyle {
  size: number;
  bold?: boolean;
  italic?: boolean;
  color?: string;
}

/** Text in as many fonts as its characters need; what no font has is left out, with one warning per letter. */
function writeText(doc: PDFKit.PDFDocument, fonts: PrintFonts, warnings: string[], text: string, style: TextStyle, options: PDFKit.Mixins.TextOptions, at?: { x: number; y: number }): void {
  const { runs, missing } = fonts.split(text, style);
  if (missing.length > 0) {
    const warning = `The letter cannot print ${missing.map((character) => `"${character}" (U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ')}: no font has them, so they were left out`;
    if (!warnings.includes(warning)) warnings.push(warning);
  }
  doc.fontSize(style.size).fillColor(style.color ?? '#000000');
  if (runs.length === 0) {
    if (at) doc.text('', at.x, at.y, options);
    else doc.text('', options);
    return;
  }
  runs.forEach((run, index) => {
    // Registered by name, so each font is embedded once per document however often it is used; pdfkit takes a parsed fontkit font as it is.
    doc.registerFont(run.fontKey, run.font as unknown as PDFKit.Mixins.PDFFontSource);
    doc.font(run.fontKey);
    const runOptions = { ...options, continued: index < runs.length - 1 ? true : options.continued };
    if (index === 0 && at) doc.text(run.text, at.x, at.y, runOptions);
    else doc.text(run.text, runOptions);
  });
}

function keepLinesTogether(doc: PDFKit.PDFDocument, lines: number): void {
  if (doc.y + lines * doc.currentLineHeight(true) > doc.page.height - MARGIN.bottom) doc.addPage();
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

interface PrintedCallToAction {
  label: string;
  url: string;
}

/** The call to action as print shows it: the link must be one the hub allows, or it is left out with a warning. */
function callToAction(label: string, url: string, linkSchemes: readonly string[], warnings: string[]): PrintedCallToAction | null {
  const safe = safeLinkUrl(url, linkSchemes);
  if (!safe || !label.trim()) {
    warnings.push('The call to action was left out of the letter: it needs a label and a link the hub allows');
    return null;
  }
  return { label: label.trim(), url: safe };
}

const QR_MM = 25;

/** Label and address beside a QR code of the link, kept on one page. */
function drawCallToAction(doc: PDFKit.PDFDocument, cta: PrintedCallToAction, request: DrawRequest): void {
  const size = QR_MM * MM;
  if (doc.y + size + 6 * MM > doc.page.height - MARGIN.bottom) doc.addPage();
  doc.moveDown(0.4);
  const top = doc.y;
  const modules = qrModules(cta.url);
  const cell = size / (modules.length + 2 * QUIET_ZONE);
  modules.forEach((row, y) => row.forEach((dark, x) => dark && doc.rect(MARGIN.left + (x + QUIET_ZONE) * cell, top + (y + QUIET_ZONE) * cell, cell, cell)));
  doc.fillColor('#000000').fill();
  const textLeft = MARGIN.left + size + 4 * MM;
  const textWidth = doc.page.width - MARGIN.right - textLeft;
  writeText(doc, request.fonts, request.warnings, cta.label, { size: 11, bold: true }, { width: textWidth }, { x: textLeft, y: top + 6 * MM });
  writeText(doc, request.fonts, request.warnings, cta.url, { size: 9, color: '#333333' }, { width: textWidth });
  doc.x = MARGIN.left;
  doc.y = top + size + 2 * MM;
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
