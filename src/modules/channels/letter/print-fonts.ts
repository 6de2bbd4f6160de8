import * as fs from 'node:fs';
import * as fontkit from 'fontkit';

export interface PrintStyle {
  bold?: boolean;
  italic?: boolean;
}

/**
 * A stretch of text one font can print whole. `font` is a parsed font that every letter shares
 * (pdfkit embeds a subset of it per document): parsing DejaVu's layout tables once per letter
 * would cost more than drawing the letter.
 */
export interface FontRun {
  font: fontkit.Font;
  fontKey: string;
  text: string;
}

/** A fallback family split into files by Unicode range, as the Fontsource packages ship Noto. */
interface RangedFamily {
  package: string;
  /** File name stem, e.g. noto-sans-sc; weights it has for normal and bold. */
  stem: string;
  weights: { normal: number; bold: number };
}

/**
 * DejaVu Sans first (Latin with every accent, Greek, Cyrillic, Turkish, many symbols), then Noto
 * for what it lacks: Chinese and Japanese kanji and kana (Noto Sans SC), Hangul (Noto Sans KR) and
 * emoji (Noto Emoji, monochrome, as print is). The Noto families come in files by Unicode range,
 * loaded the first time a letter needs one of their characters.
 */
const PRIMARY = {
  normal: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  italic: 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
  boldItalic: 'dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf',
};
const FALLBACKS: RangedFamily[] = [
  { package: '@fontsource/noto-sans-sc', stem: 'noto-sans-sc', weights: { normal: 400, bold: 700 } },
  { package: '@fontsource/noto-sans-kr', stem: 'noto-sans-kr', weights: { normal: 400, bold: 700 } },
  { package: '@fontsource/noto-emoji', stem: 'noto-emoji', weights: { normal: 400, bold: 700 } },
];
/** Joiners, variation selectors and combining marks belong with the character before them. */
const CLINGS_TO_PREVIOUS = /^(?:\p{M}|\u200c|\u200d|[\ufe00-\ufe0f]|[\u{e0020}-\u{e007f}])$/u;

interface LoadedFont {
  key: string;
  font: fontkit.Font;
}

/**
 * Picks, character by character, the first font that has a glyph, so a letter prints every script
 * a customer's name or a message may contain. A character no font has is left out and reported,
 * never printed as another glyph.
 */
export class PrintFonts {
  private readonly loaded = new Map<string, LoadedFont>();
  private readonly ranges: { family: RangedFamily; subset: string; from: number; to: number }[] = [];

  constructor() {
    for (const family of FALLBACKS) {
      const subsets = JSON.parse(fs.readFileSync(require.resolve(`${family.package}/unicode.json`), 'utf8')) as Record<string, string>;
      for (const [subset, list] of Object.entries(subsets)) {
        for (const range of list.split(',')) {
          const [from, to] = range.trim().replace(/^U\+/i, '').split('-');
          this.ranges.push({ family, subset: subset.replace(/^\[|\]$/g, ''), from: parseInt(from, 16), to: parseInt(to ?? from, 16) });
        }
      }
    }
  }

  /** The text as runs of one font each, and the characters that no font could print. */
  split(text: string, style: PrintStyle = {}): { runs: FontRun[]; missing: string[] } {
    const primary = this.load(PRIMARY[styleKey(style)]);
    const runs: FontRun[] = [];
    const missing: string[] = [];
    for (const character of text) {
      const previous = runs.at(-1);
      if (previous && CLINGS_TO_PREVIOUS.test(character)) {
        previous.text += character;
        continue;
      }
      const codePoint = character.codePointAt(0)!;
      const font = codePoint < 0x20 || primary.font.hasGlyphForCodePoint(codePoint) ? primary : this.fallbackFor(codePoint, style);
      if (!font) {
        if (!missing.includes(character)) missing.push(character);
        continue;
      }
      if (previous?.fontKey === font.key) previous.text += character;
      else runs.push({ font: font.font, fontKey: font.key, text: character });
    }
    return { runs, missing };
  }

  private fallbackFor(codePoint: number, style: PrintStyle): LoadedFont | undefined {
    for (const { family, subset, from, to } of this.ranges) {
      if (codePoint < from || codePoint > to) continue;
      const weight = style.bold ? family.weights.bold : family.weights.normal;
      const font = this.load(`${family.package}/files/${family.stem}-${subset}-${weight}-normal.woff2`);
      if (font.font.hasGlyphForCodePoint(codePoint)) return font;
    }
    return undefined;
  }

  private load(module: string): LoadedFont {
    let font = this.loaded.get(module);
    if (!font) {
      font = { key: module, font: fontkit.create(fs.readFileSync(require.resolve(module))) as fontkit.Font };
      this.loaded.set(module, font);
    }
    return font;
  }
}

function styleKey({ bold, italic }: PrintStyle): keyof typeof PRIMARY {
  if (bold && italic) return 'boldItalic';
  if (bold) return 'bold';
  if (italic) return 'italic';
  return 'normal';
}
