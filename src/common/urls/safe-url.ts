/** Schemes a link in content or in rendered output may always use; app deep-link schemes are added by configuration. */
export const WEB_LINK_SCHEMES: readonly string[] = ['http', 'https', 'mailto', 'tel'];

/**
 * Browsers and mail clients ignore control characters and whitespace inside a scheme
 * (`java\tscript:` is `javascript:` to them), so these are stripped before the scheme is read,
 * and what is returned is the stripped URL: the same string that was checked is the one emitted.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this strips
const IGNORED_BY_BROWSERS = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g;

/** The URL as it will be emitted, when it is absolute and its scheme is allowed; otherwise null. */
export function safeLinkUrl(raw: string, allowedSchemes: readonly string[] = WEB_LINK_SCHEMES): string | null {
  if (raw.length > 2048) return null;
  const url = raw.replace(IGNORED_BY_BROWSERS, '').trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme || !allowedSchemes.includes(scheme)) return null;
  try {
    new URL(url);
  } catch {
    return null;
  }
  return url;
}

/** `HUB_APP_LINK_SCHEMES=myshop,facet` → the web schemes plus those, for deep links in app cards. */
export function linkSchemes(appSchemes: readonly string[]): string[] {
  return [...WEB_LINK_SCHEMES, ...appSchemes.map((scheme) => scheme.toLowerCase())];
}
