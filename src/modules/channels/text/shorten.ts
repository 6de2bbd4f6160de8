export const ELLIPSIS = '…';

/**
 * The longest prefix of `text` that fits, cut at a sentence end if one is close enough, else at a
 * word boundary, else mid-word, with an ellipsis when anything was dropped. `fits` measures
 * the candidate (as the channel counts: weighted length, characters, SMS segments).
 */
export function shortenToFit(text: string, fits: (candidate: string) => boolean): string {
  const trimmed = text.trim();
  if (fits(trimmed)) return trimmed;
  const characters = [...trimmed];
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(characters.slice(0, middle).join('').trimEnd() + ELLIPSIS)) low = middle;
    else high = middle - 1;
  }
  if (low === 0) return fits(ELLIPSIS) ? ELLIPSIS : '';
  const prefix = characters.slice(0, low).join('');
  const sentenceEnd = Math.max(prefix.lastIndexOf('. '), prefix.lastIndexOf('! '), prefix.lastIndexOf('? '));
  if (sentenceEnd > prefix.length * 0.6) return prefix.slice(0, sentenceEnd + 1).trimEnd();
  const wordEnd = prefix.search(/\s\S*$/);
  const cut = wordEnd > prefix.length * 0.5 ? prefix.slice(0, wordEnd) : prefix;
  return cut.replace(/[\s,;:–-]+$/u, '') + ELLIPSIS;
}
