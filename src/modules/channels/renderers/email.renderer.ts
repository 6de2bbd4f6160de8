import { BadUserInputError } from '../../../common/errors/domain-errors';
import { RenditionSpec } from '../../../common/renditions/rendition-spec';
import { ChannelRenderer, CompiledRendering, OutputPart, RenderInput } from '../channel-renderer';
import { retainedBytes } from '../compiled-size';
import { escapeHtml } from '../html/escape-html';
import { htmlGuards } from '../html/html-guard';
import { phrasesFor, salutation } from '../locale/salutation';
import { markdownToInlineText, markdownToPlainText, markdownToSafeHtml } from '../markdown/markdown';
import { TokenTemplate, TokenVault } from '../personalisation/liquid-sandbox';
import { shortenToFit } from '../text/shorten';

export const SUBJECT_LIMIT = 78;
const PREHEADER_LIMIT = 150;

/**
 * An email: subject, preheader, responsive HTML and a plain-text part. The HTML comes from MJML
 * (table layout, CSS inlined, since mail clients ignore <style>), compiled once per layout shape
 * and filled with each message's sanitised content; per recipient only the tokens and the
 * salutation are filled in, HTML-escaped.
 */
export class EmailRenderer implements ChannelRenderer {
  readonly key = 'email';
  readonly description = 'An email: subject, preheader, responsive HTML with inlined CSS and a plain-text alternative';
  readonly overrideKeys = ['subject', 'preheader'];
  readonly renderCost = 50;
  readonly graphqlType = 'EmailVariant';
  readonly parts: Record<string, OutputPart> = {
    subject: { type: 'String' },
    preheader: { type: 'String' },
    html: { type: 'String', description: 'Responsive HTML with inlined CSS; `text` is the plain-text alternative' },
    fromName: { type: 'String', nullable: true, description: "The sender's display name: the brand's name (null when no brand is set)" },
  };
  /** 600 px wide for email bodies, at most 200 KB where possible. */
  readonly renditions: Record<string, RenditionSpec> = { email: { width: 600, fit: 'inside', maxBytes: 200_000 } };
  readonly constraints = [
    { name: 'subjectLength', limit: SUBJECT_LIMIT, description: 'characters of the subject line' },
    { name: 'preheaderLength', limit: PREHEADER_LIMIT, description: 'characters of the preheader' },
  ];

  /**
   * MJML layouts by shape (which blocks are present), compiled once and kept as the
   * static HTML between the content slots: each message stores only its own slot contents.
   */
  private readonly skeletons = new Map<string, Promise<Skeleton>>();

  async compile(input: RenderInput): Promise<CompiledRendering> {
    const { roles, overrides, config, locale, tone, brand } = input;
    const vault = new TokenVault();
    const protectText = (text: string | undefined) => escapeHtml(vault.protect(text ?? ''));
    const subject = TokenTemplate.plain(String(overrides.subject ?? roles.headline ?? ''), 'fields.subject');
    const preheader = TokenTemplate.plain(String(overrides.preheader ?? (roles.summary ? markdownToInlineText(roles.summary) : '')), 'fields.preheader');
    const image = input.images.email ?? input.images.original;
    const cta = roles.callToAction;
    const legal = [roles.legal, brand.legal].filter(Boolean).join(' — ');
    const unsubscribeText = brand.unsubscribeText ?? phrasesFor(locale).unsubscribe;
    const shape: EmailShape = { image: Boolean(image), cta: Boolean(cta), signOff: Boolean(roles.signOff), legal: Boolean(legal), footer: Boolean(brand.emailFooter), unsubscribe: config.email.unsubscribePlaceholder };
    const slots: Record<string, string> = {
      IMAGESRC: escapeHtml(image ?? ''),
      IMAGEALT: protectText(roles.image?.alt),
      HEADLINE: protectText(roles.headline),
      BODY: markdownToSafeHtml(vault.protect(roles.body ?? '')),
      CTAURL: protectText(cta?.url),
      CTALABEL: protectText(cta?.label),
      SIGNOFF: protectText(roles.signOff),
      LEGAL: protectText(legal),
      FOOTER: escapeHtml(brand.emailFooter ?? ''),
      UNSUBSCRIBE: escapeHtml(unsubscribeText),
    };
    const skeleton = await this.skeleton(shape);
    const guards: Record<string, (html: string) => string> = { IMAGESRC: htmlGuards.url(config.linkSchemes), CTAURL: htmlGuards.url(config.linkSchemes), BODY: htmlGuards.fragment };
    const slotTemplates = skeleton.slots.map((slot) =>
      TokenTemplate.html(slot === 'SALUTATION' ? '{{ salutation }}' : vault.restore(slots[slot] ?? ''), 'fields', guards[slot] ?? htmlGuards.text),
    );
    const unsubscribe = `${unsubscribeText}: {% raw %}${config.email.unsubscribePlaceholder}{% endraw %}`;
    const text = TokenTemplate.plain(
      [roles.headline, '{{ salutation }}', roles.body ? markdownToPlainText(roles.body) : '', cta ? `${cta.label}: ${cta.url}` : '', roles.signOff, legal, brand.emailFooter, unsubscribe].filter(Boolean).join('\n\n'),
      'fields',
    );
    return {
      // The layout's HTML is shared by every message of its shape, so only the message's own parts count.
      approximateBytes: retainedBytes(subject, preheader, slotTemplates, text),
      fill: (recipient) => {
        const warnings: string[] = [];
        const scope = { customer: recipient.attributes, now: recipient.now, salutation: salutation(locale, tone, recipient.attributes) };
        const fullSubject = subject.render(scope, warnings).replace(/\s+/g, ' ').trim();
        const subjectLine = shortenToFit(fullSubject, (candidate) => [...candidate].length <= SUBJECT_LIMIT);
        if (subjectLine !== fullSubject) warnings.push(`The subject was shortened to ${SUBJECT_LIMIT} characters`);
        const preheaderText = shortenToFit(preheader.render(scope, warnings).trim(), (candidate) => [...candidate].length <= PREHEADER_LIMIT);
        let html = skeleton.statics[0];
        slotTemplates.forEach((template, index) => (html += template.render(scope, warnings) + skeleton.statics[index + 1]));
        const htmlBody = injectPreheader(html, preheaderText);
        return {
          text: text.render(scope, warnings),
          warnings,
          metrics: [
            { name: 'subjectLength', value: [...subjectLine].length, limit: SUBJECT_LIMIT },
            { name: 'preheaderLength', value: [...preheaderText].length, limit: PREHEADER_LIMIT },
            { name: 'htmlBytes', value: Buffer.byteLength(htmlBody), limit: 102_400 },
          ],
          parts: { subject: subjectLine, preheader: preheaderText, html: htmlBody, fromName: brand.name || null },
        };
      },
    };
  }

  private skeleton(shape: EmailShape): Promise<Skeleton> {
    const key = JSON.stringify(shape);
    let skeleton = this.skeletons.get(key);
    if (!skeleton) {
      // MJML weighs ~60 MB and is needed once per layout: loaded with the first one, not at start-up.
      skeleton = import('mjml')
        .then(({ default: mjml2html }) => mjml2html(skeletonSource(shape), { validationLevel: 'soft', minify: false, keepComments: false }))
        .then((result) => splitSlots(result.html));
      this.skeletons.set(key, skeleton);
    }
    return skeleton;
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

/** Compiled layout HTML cut at its slots: statics[0] slot[0] statics[1] slot[1] … statics[n]. */
interface Skeleton {
  statics: string[];
  slots: string[];
}

function splitSlots(html: string): Skeleton {
  const parts = html.split(/LQ(?:SLOT([A-Z]+)|(SALUTATION))X/);
  const statics: string[] = [];
  const slots: string[] = [];
  for (let index = 0; index < parts.length; index += 3) {
    statics.push(parts[index]);
    if (index + 1 < parts.length) slots.push(parts[index + 1] ?? parts[index + 2]);
  }
  return { statics, slots };
}

interface EmailShape {
  image: boolean;
  cta: boolean;
  signOff: boolean;
  legal: boolean;
  footer: boolean;
  unsubscribe: string;
}

/** The layout with LQSLOT…X markers where a message's content goes; MJML passes them through untouched. */
function skeletonSource(shape: EmailShape): string {
  return `<mjml>
  <mj-head>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="24px" color="#1f2933" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f4f5f7" width="600px">
    ${shape.image ? '<mj-section background-color="#ffffff" padding="0"><mj-column><mj-image src="LQSLOTIMAGESRCX" alt="LQSLOTIMAGEALTX" padding="0" fluid-on-mobile="true" /></mj-column></mj-section>' : ''}
    <mj-section background-color="#ffffff" padding="24px 8px">
      <mj-column>
        <mj-text font-size="26px" line-height="32px" font-weight="bold">LQSLOTHEADLINEX</mj-text>
        <mj-text>LQSALUTATIONX</mj-text>
        <mj-text>LQSLOTBODYX</mj-text>
        ${shape.cta ? '<mj-button href="LQSLOTCTAURLX" background-color="#0b6e4f" color="#ffffff" font-size="16px" border-radius="6px">LQSLOTCTALABELX</mj-button>' : ''}
        ${shape.signOff ? '<mj-text>LQSLOTSIGNOFFX</mj-text>' : ''}
      </mj-column>
    </mj-section>
    <mj-section padding="16px 8px">
      <mj-column>
        <mj-text font-size="12px" line-height="18px" color="#6b7280">${shape.legal ? 'LQSLOTLEGALX<br />' : ''}${shape.footer ? 'LQSLOTFOOTERX<br />' : ''}<a href="${escapeHtml(shape.unsubscribe)}" style="color:#6b7280">LQSLOTUNSUBSCRIBEX</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}
