import { convert } from 'html-to-text';
import mjml2html from 'mjml';
import { BadUserInputError } from '../../../common/errors/domain-errors';
import { ChannelRenderer, CompiledRendering, RenderInput } from '../channel-renderer';
import { escapeHtml } from '../html/escape-html';
import { phrasesFor, salutation } from '../locale/salutation';
import { markdownToInlineText, markdownToSafeHtml } from '../markdown/markdown';
import { TokenTemplate, TokenVault } from '../personalisation/liquid-sandbox';
import { shortenToFit } from '../text/shorten';

export const SUBJECT_LIMIT = 78;
const PREHEADER_LIMIT = 150;

/**
 * An email: subject, preheader, responsive HTML and a plain-text part. The HTML is MJML compiled
 * once per message (table layout, CSS inlined, since mail clients ignore <style>); per recipient
 * only the tokens and the salutation are filled in, HTML-escaped.
 */
export class EmailRenderer implements ChannelRenderer {
  readonly key = 'email';
  readonly description = 'An email: subject, preheader, responsive HTML with inlined CSS and a plain-text alternative';
  readonly overrideKeys = ['subject', 'preheader'];
  readonly constraints = [
    { name: 'subjectLength', limit: SUBJECT_LIMIT, description: 'characters of the subject line' },
    { name: 'preheaderLength', limit: PREHEADER_LIMIT, description: 'characters of the preheader' },
  ];

  async compile(input: RenderInput): Promise<CompiledRendering> {
    const { roles, overrides, config, locale, tone } = input;
    const vault = new TokenVault();
    const protect = (text: string | undefined) => (text ? vault.protect(text) : '');
    const subject = TokenTemplate.plain(String(overrides.subject ?? roles.headline ?? ''), 'fields.subject');
    const preheader = TokenTemplate.plain(String(overrides.preheader ?? (roles.summary ? markdownToInlineText(roles.summary) : '')), 'fields.preheader');
    const image = input.images.email ?? input.images.original;
    const cta = roles.callToAction;
    const source = `<mjml>
  <mj-head>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="24px" color="#1f2933" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f4f5f7" width="600px">
    ${image ? `<mj-section background-color="#ffffff" padding="0"><mj-column><mj-image src="${escapeHtml(image)}" alt="${escapeHtml(roles.image?.alt ?? '')}" width="600px" padding="0" /></mj-column></mj-section>` : ''}
    <mj-section background-color="#ffffff" padding="24px 8px">
      <mj-column>
        <mj-text font-size="26px" line-height="32px" font-weight="bold">${escapeHtml(protect(roles.headline))}</mj-text>
        <mj-text>LQSALUTATIONX</mj-text>
        <mj-text>${markdownToSafeHtml(protect(roles.body))}</mj-text>
        ${cta ? `<mj-button href="${escapeHtml(cta.url)}" background-color="#0b6e4f" color="#ffffff" font-size="16px" border-radius="6px">${escapeHtml(protect(cta.label))}</mj-button>` : ''}
        ${roles.signOff ? `<mj-text>${escapeHtml(protect(roles.signOff))}</mj-text>` : ''}
      </mj-column>
    </mj-section>
    <mj-section padding="16px 8px">
      <mj-column>
        <mj-text font-size="12px" line-height="18px" color="#6b7280">${roles.legal ? `${escapeHtml(protect(roles.legal))}<br />` : ''}<a href="{% raw %}${escapeHtml(config.email.unsubscribePlaceholder)}{% endraw %}" style="color:#6b7280">${phrasesFor(locale).unsubscribe}</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
    const compiled = await mjml2html(source, { validationLevel: 'soft', minify: false, keepComments: false });
    const withSalutation = (output: string) => vault.restore(output).replace(/LQSALUTATIONX/g, '{{ salutation }}');
    const html = TokenTemplate.html(withSalutation(compiled.html), 'fields');
    const text = TokenTemplate.plain(withSalutation(toPlainText(compiled.html)), 'fields');
    return {
      fill: (recipient) => {
        const warnings: string[] = [];
        const scope = { customer: recipient.attributes, now: recipient.now, salutation: salutation(locale, tone, recipient.attributes) };
        const fullSubject = subject.render(scope, warnings).replace(/\s+/g, ' ').trim();
        const subjectLine = shortenToFit(fullSubject, (candidate) => [...candidate].length <= SUBJECT_LIMIT);
        if (subjectLine !== fullSubject) warnings.push(`The subject was shortened to ${SUBJECT_LIMIT} characters`);
        const preheaderText = shortenToFit(preheader.render(scope, warnings).trim(), (candidate) => [...candidate].length <= PREHEADER_LIMIT);
        const htmlBody = injectPreheader(html.render(scope, warnings), preheaderText);
        return {
          text: text.render(scope, warnings),
          warnings,
          metrics: [
            { name: 'subjectLength', value: [...subjectLine].length, limit: SUBJECT_LIMIT },
            { name: 'preheaderLength', value: [...preheaderText].length, limit: PREHEADER_LIMIT },
            { name: 'htmlBytes', value: Buffer.byteLength(htmlBody), limit: 102_400 },
          ],
          parts: { subject: subjectLine, preheader: preheaderText, html: htmlBody },
        };
      },
    };
  }

  validateOverride(fields: Record<string, unknown>): void {
    for (const [key, limit] of [['subject', SUBJECT_LIMIT], ['preheader', PREHEADER_LIMIT]] as const) {
      const value = fields[key];
      if (value === undefined) continue;
      if (typeof value !== 'string' || value.trim() === '') throw new BadUserInputError(`fields.${key} must be text`, `input.fields.${key}`);
      if ([...value].length > limit) {
        throw new BadUserInputError(`The email ${key} is ${[...value].length} characters; the limit is ${limit}`, `input.fields.${key}`, { limit, value: [...value].length });
      }
    }
  }
}

/** The preheader is the hidden first text of the body, which inboxes show next to the subject. */
function injectPreheader(html: string, preheader: string): string {
  if (!preheader) return html;
  const hidden = `<div style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;">${escapeHtml(preheader)}</div>`;
  return html.replace(/<body([^>]*)>/, `<body$1>${hidden}`);
}

function toPlainText(html: string): string {
  return convert(html, {
    wordwrap: 80,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      ...['h1', 'h2', 'h3', 'h4'].map((selector) => ({ selector, options: { uppercase: false } })),
    ],
  });
}
