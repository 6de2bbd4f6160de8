import type { TokenScope, TokenTemplate } from '../personalisation/liquid-sandbox';
import type { PrintFonts } from './print-fonts';
import { QUIET_ZONE } from './qr-code';

export const MM = 72 / 25.4;
/** DIN 5008 form B / NEN 1026 window envelope: the address window's position on A4. */
export const ADDRESS_WINDOW = { left: 20 * MM, top: 45 * MM, width: 85 * MM, height: 45 * MM };
export const MARGIN = { left: 25 * MM, right: 20 * MM, top: 20 * MM, bottom: 25 * MM };
export const BODY_TOP = 105 * MM;
export const QR_MM = 25;

export interface Run {
  template: TokenTemplate;
  bold: boolean;
  italic: boolean;
  link: string | null;
}

export type Block = { kind: 'heading' | 'paragraph' | 'quote'; runs: Run[] } | { kind: 'list'; ordered: boolean; items: Run[][] };

export interface PrintedCallToAction {
  label: string;
  url: string;
  /** The QR code of `url`, row by row. */
  qr: boolean[][];
}

/** One recipient's letter, with every text already filled in except the body's runs (filled as they are drawn). */
export interface LetterContent {
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
}

/**
 * An image pdfkit has opened (`doc.openImage`): drawn as often as asked, embedded once, where a
 * Buffer is embedded anew each time. pdfkit's type declarations leave both out.
 */
export interface OpenedImage {
  readonly width: number;
  readonly height: number;
}

/** What a letter is drawn with: the document's fonts and, for a print file, its images embedded once. */
export interface DrawingTools {
  fonts: PrintFonts;
  image(bytes: Buffer): Buffer | OpenedImage;
}

/** A4 in pdfkit's units, with the letter's margins: for a letter's own document and for a print file. */
export const LETTER_PAGE = { size: 'A4', margins: MARGIN } as const;

/**
 * Draws one letter from the document's current page on (a fresh page: the caller adds it), with
 * "page n of m" on each of its pages, and returns how many pages it took. The pages must still
 * be buffered (`bufferPages`) so that the numbers can be written once the count is known.
 */
export function drawLetter(doc: PDFKit.PDFDocument, letter: LetterContent, tools: DrawingTools): number {
  const firstPage = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  const write = (text: string, style: TextStyle, options: PDFKit.Mixins.TextOptions = {}, at?: { x: number; y: number }) => writeText(doc, tools.fonts, letter.warnings, text, style, options, at);
  write(letter.senderLines.join('\n'), { size: 9, color: '#333333' }, { width: 65 * MM, align: 'right' }, { x: 125 * MM, y: MARGIN.top });
  write(letter.returnLine, { size: 7, color: '#555555' }, { width: ADDRESS_WINDOW.width - 10 * MM, lineBreak: false, ellipsis: true }, { x: ADDRESS_WINDOW.left + 5 * MM, y: ADDRESS_WINDOW.top + 3 * MM });
  write(letter.address.join('\n'), { size: 10 }, { width: ADDRESS_WINDOW.width - 10 * MM, height: ADDRESS_WINDOW.height - 14 * MM, ellipsis: true }, { x: ADDRESS_WINDOW.left + 5 * MM, y: ADDRESS_WINDOW.top + 12 * MM });
  write(letter.date, { size: 10 }, { width: doc.page.width - MARGIN.left - MARGIN.right, align: 'right' }, { x: MARGIN.left, y: 98 * MM });
  write(letter.texts.headline, { size: 12, bold: true }, {}, { x: MARGIN.left, y: BODY_TOP });
  doc.moveDown(0.8);
  if (letter.image) {
    try {
      doc.image(tools.image(letter.image) as PDFKit.Mixins.ImageSrc, { fit: [80 * MM, 60 * MM] });
      doc.moveDown(0.5);
    } catch {
      letter.warnings.push('The print image could not be embedded');
    }
  }
  write(letter.greeting, { size: 11 });
  doc.moveDown(0.6);
  for (const block of letter.blocks) drawBlock(doc, block, letter, tools);
  if (letter.cta) drawCallToAction(doc, letter.cta, letter, tools);
  if (letter.texts.signOff) {
    keepLinesTogether(doc, 3);
    write(letter.texts.signOff, { size: 11 });
  }
  if (letter.texts.legal) {
    doc.moveDown(1.5);
    write(letter.texts.legal, { size: 8, color: '#555555' });
  }
  const range = doc.bufferedPageRange();
  const pageCount = range.start + range.count - firstPage;
  for (let page = 0; page < pageCount; page += 1) {
    doc.switchToPage(firstPage + page);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    write(letter.pageLabel(page + 1, pageCount), { size: 8, color: '#777777' }, { width: doc.page.width - MARGIN.left - MARGIN.right, align: 'center', lineBreak: false }, { x: MARGIN.left, y: doc.page.height - 15 * MM });
    doc.page.margins.bottom = bottom;
  }
  return pageCount;
}

/** Everything pdfkit has written so far, read back synchronously (it pushes into its stream buffer as it goes). */
export function readWritten(doc: PDFKit.PDFDocument): Buffer[] {
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  return chunks;
}

/** The tools for a letter's own document: its image is drawn once anyway. */
export function standaloneTools(fonts: PrintFonts): DrawingTools {
  return { fonts, image: (bytes) => bytes };
}

function drawBlock(doc: PDFKit.PDFDocument, block: Block, letter: LetterContent, tools: DrawingTools): void {
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  if (block.kind === 'list') {
    block.items.forEach((runs, index) => {
      keepLinesTogether(doc, 1);
      const bullet = block.ordered ? `${index + 1}.` : '•';
      const y = doc.y;
      writeText(doc, tools.fonts, letter.warnings, bullet, { size: 11 }, { width: 6 * MM, lineBreak: false }, { x: MARGIN.left + 2 * MM, y });
      doc.text('', MARGIN.left + 8 * MM, y);
      drawRuns(doc, runs, letter, tools, { width: width - 8 * MM, size: 11 });
      doc.x = MARGIN.left;
    });
    doc.moveDown(0.6);
    return;
  }
  if (block.kind === 'heading') {
    // A heading never stands alone at the foot of a page.
    keepLinesTogether(doc, 3);
    drawRuns(doc, block.runs, letter, tools, { width, size: 12.5, bold: true });
    doc.moveDown(0.3);
    return;
  }
  doc.x = block.kind === 'quote' ? MARGIN.left + 6 * MM : MARGIN.left;
  drawRuns(doc, block.runs, letter, tools, { width: block.kind === 'quote' ? width - 6 * MM : width, size: 11, italic: block.kind === 'quote' });
  doc.x = MARGIN.left;
  doc.moveDown(0.6);
}

function drawRuns(doc: PDFKit.PDFDocument, runs: Run[], letter: LetterContent, tools: DrawingTools, style: { width: number; size: number; bold?: boolean; italic?: boolean }): void {
  const texts = runs.map((run) => ({ run, text: run.template.render(letter.scope, letter.warnings) })).filter(({ text }) => text !== '');
  texts.forEach(({ run, text }, index) => {
    const textStyle = { size: style.size, bold: style.bold || run.bold, italic: style.italic || run.italic, color: run.link ? '#0b4f8a' : '#000000' };
    writeText(doc, tools.fonts, letter.warnings, text, textStyle, { width: style.width, continued: index < texts.length - 1, link: run.link ?? undefined, underline: run.link !== null });
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

/** Label and address beside a QR code of the link, kept on one page. */
function drawCallToAction(doc: PDFKit.PDFDocument, cta: PrintedCallToAction, letter: LetterContent, tools: DrawingTools): void {
  const size = QR_MM * MM;
  if (doc.y + size + 6 * MM > doc.page.height - MARGIN.bottom) doc.addPage();
  doc.moveDown(0.4);
  const top = doc.y;
  const modules = cta.qr;
  const cell = size / (modules.length + 2 * QUIET_ZONE);
  modules.forEach((row, y) => row.forEach((dark, x) => dark && doc.rect(MARGIN.left + (x + QUIET_ZONE) * cell, top + (y + QUIET_ZONE) * cell, cell, cell)));
  doc.fillColor('#000000').fill();
  const textLeft = MARGIN.left + size + 4 * MM;
  const textWidth = doc.page.width - MARGIN.right - textLeft;
  writeText(doc, tools.fonts, letter.warnings, cta.label, { size: 11, bold: true }, { width: textWidth }, { x: textLeft, y: top + 6 * MM });
  writeText(doc, tools.fonts, letter.warnings, cta.url, { size: 9, color: '#333333' }, { width: textWidth });
  doc.x = MARGIN.left;
  doc.y = top + size + 2 * MM;
}
