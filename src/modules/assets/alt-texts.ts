import { BadUserInputError } from '../../common/errors/domain-errors';

/** Alt text arrives as plain text (in `locale`) or as an object of locale → text; both become the latter. */
export function toAltTexts(alt: unknown, locale: string | undefined): Record<string, string> {
  if (typeof alt === 'string') return { [locale?.trim() || 'und']: alt };
  if (typeof alt === 'object' && alt !== null && !Array.isArray(alt) && Object.values(alt).every((text) => typeof text === 'string')) {
    return alt as Record<string, string>;
  }
  throw new BadUserInputError('alt must be text or an object of locale → text', 'alt');
}

/** A multipart field that may hold JSON; text that is not valid JSON stays text. */
export function jsonOrText(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
