import { safeLinkUrl } from '../../../common/urls/safe-url';
import { sanitizeFragment } from '../markdown/markdown';
import { escapeHtml, unescapeHtml } from './escape-html';

/**
 * The last step of every HTML channel, applied to each filled slot: whatever a token produced
 * (`| raw`, `{% raw %}`, a customer's name), the HTML that leaves the hub carries no markup in
 * text, only the markdown policy in fragments, and only allowed schemes in links.
 */
export const htmlGuards = {
  /** Element text: markup smuggled in by a token becomes visible characters. */
  text: (html: string): string => html.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  /** A rendered markdown body: sanitised again with the markdown policy. */
  fragment: sanitizeFragment,
  /** An escaped attribute URL: kept when its scheme is allowed, else '#'. */
  url:
    (schemes: readonly string[]) =>
    (escaped: string): string => {
      const url = safeLinkUrl(unescapeHtml(escaped), schemes);
      return url === null ? '#' : escapeHtml(url);
    },
};
