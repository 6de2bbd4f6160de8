import { marked, Token, Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { unescapeHtml } from '../html/escape-html';
import { TokenVault } from '../personalisation/liquid-sandbox';

/**
 * Markdown is the editors' language; what reaches HTML is sanitised: no script, style, iframe,
 * form or event handler, and links only to http(s), mailto and tel.
 */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['h1', 'h2', 'h3', 'h4', 'p', 'br', 'strong', 'b', 'em', 'i', 'ul', 'ol', 'li', 'a', 'blockquote', 'code', 'pre', 'hr', 'del'],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
};

export function markdownToSafeHtml(markdown: string): string {
  return sanitizeFragment(marked.parse(markdown, { async: false, gfm: true, breaks: false }));
}

/** The markdown policy applied to any HTML fragment, e.g. a body after its tokens were filled. */
export function sanitizeFragment(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** Plain text of markdown: no markup, no HTML; paragraphs and list items on their own lines. */
export function markdownToPlainText(markdown: string): string {
  const lines = marked.lexer(markdown).flatMap(blockToLines);
  return unescapeHtml(lines.join('\n').replace(/\n{3,}/g, '\n\n').trim());
}

/** One paragraph of plain text, tokens intact: for cards, tweets and SMS where line breaks mean nothing. */
export function markdownToInlineText(markdown: string): string {
  const vault = new TokenVault();
  return vault.restore(markdownToPlainText(vault.protect(markdown)).replace(/\s*\n+\s*/g, ' ').trim());
}

function blockToLines(token: Token): string[] {
  switch (token.type) {
    case 'heading':
    case 'paragraph':
      return [inlineText((token as Tokens.Heading | Tokens.Paragraph).tokens), ''];
    case 'list':
      return [...(token as Tokens.List).items.map((item) => `- ${item.tokens.flatMap(blockToLines).filter(Boolean).join(' ')}`), ''];
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.flatMap(blockToLines);
    case 'code':
      return [(token as Tokens.Code).text, ''];
    case 'text':
      return [(token as Tokens.Text).tokens ? inlineText((token as Tokens.Text).tokens!) : (token as Tokens.Text).text];
    case 'space':
    case 'hr':
    case 'html':
      return [];
    default:
      return 'text' in token && typeof token.text === 'string' ? [token.text] : [];
  }
}

export function inlineText(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => {
      if (token.type === 'html') return '';
      if (token.type === 'br') return ' ';
      if ('tokens' in token && token.tokens) return inlineText(token.tokens);
      return 'text' in token ? String(token.text) : '';
    })
    .join('');
}
