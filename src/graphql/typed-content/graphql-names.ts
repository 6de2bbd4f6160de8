/**
 * How content-model keys become GraphQL names, predictably (README "Typed content"): words split
 * at anything that is not a letter or digit, a name never starts with a digit, and a name the
 * schema already uses gets a suffix.
 */
const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

function words(key: string): string[] {
  return key.split(/[^A-Za-z0-9]+/).filter(Boolean);
}

function safeStart(name: string): string {
  return /^[0-9]/.test(name) ? `_${name}` : name || '_';
}

/** `product-announcement` → `ProductAnnouncement`. */
export function typeNameOf(key: string): string {
  return safeStart(words(key).map((word) => word[0].toUpperCase() + word.slice(1)).join(''));
}

/** `call-to-action` → `callToAction`; a valid name (`headline`, `launchDate`) stays as it is. */
export function fieldNameOf(key: string): string {
  if (NAME.test(key)) return key;
  const [first = '', ...rest] = words(key);
  return safeStart(first[0] ? first[0].toLowerCase() + first.slice(1) + rest.map((word) => word[0].toUpperCase() + word.slice(1)).join('') : '');
}

/** `shoes` → `SHOES`, `e-bike` → `E_BIKE`, `2-pack` → `_2_PACK`. */
export function enumValueNameOf(value: string): string {
  const name = safeStart(value.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase());
  return ['TRUE', 'FALSE', 'NULL'].includes(name) ? `${name}_` : name;
}

/** `message` → `messages`, `story` → `stories`, `box` → `boxes`: the query for a page of items. */
export function pluralOf(name: string): string {
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(name)) return `${name}es`;
  return `${name}s`;
}

/** The first form of `name` that `taken` does not hold: `Asset`, then `AssetContent`. */
export function freeName(name: string, taken: (candidate: string) => boolean, suffix = 'Content'): string {
  let candidate = name;
  for (let attempt = 1; taken(candidate); attempt += 1) candidate = attempt === 1 ? `${name}${suffix}` : `${name}${suffix}${attempt}`;
  return candidate;
}
