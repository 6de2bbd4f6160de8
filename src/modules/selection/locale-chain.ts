/**
 * The locales to try, most specific first: `nl-BE` → `nl-BE`, `nl`, then the hub default.
 * Tags are normalised (`nl-be` → `nl-BE`) so stored and requested locales compare equal.
 */
export function localeFallbackChain(locale: string | undefined, defaultLocale: string): string[] {
  const chain: string[] = [];
  if (locale) {
    const parts = normalizeLocale(locale).split('-');
    for (let length = parts.length; length > 0; length -= 1) chain.push(parts.slice(0, length).join('-'));
  }
  chain.push(normalizeLocale(defaultLocale));
  return [...new Set(chain)];
}

/** Requests name a handful of locales over and over; each is normalised once (the map is emptied if clients send thousands). */
const normalized = new Map<string, string>();
const MAX_REMEMBERED = 1_000;

export function normalizeLocale(locale: string): string {
  let result = normalized.get(locale);
  if (result === undefined) {
    if (normalized.size >= MAX_REMEMBERED) normalized.clear();
    result = normalizeTag(locale);
    normalized.set(locale, result);
  }
  return result;
}

function normalizeTag(locale: string): string {
  return locale
    .trim()
    .split(/[-_]/)
    .map((part, index) => (index === 0 ? part.toLowerCase() : part.length === 2 ? part.toUpperCase() : part.length === 4 ? part[0].toUpperCase() + part.slice(1).toLowerCase() : part.toLowerCase()))
    .join('-');
}
