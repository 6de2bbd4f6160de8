import { marked, Token, Tokens } from 'marked';
import { RenditionSpec } from '../../../common/renditions/rendition-spec';
import { safeLinkUrl } from '../../../common/urls/safe-url';
import { BadUserInputError } from '../../../common/errors/domain-errors';
import { ChannelRenderer, CompiledRendering, OutputPart, RenderInput } from '../channel-renderer';
import { retainedBytes } from '../compiled-size';
import { unescapeHtml } from '../html/escape-html';
import { TokenScope, TokenTemplate, TokenVault } from '../personalisation/liquid-sandbox';
import { shortenToFit } from '../text/shorten';

export const WHATSAPP_TEXT_LIMIT = 1024;
export const WHATSAPP_BUTTONS = 3;
export const WHATSAPP_BUTTON_LIMIT = 20;
const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;
const TEMPLATE_PARAMETERS = 10;

/**
 * A WhatsApp Business message: the text in WhatsApp's own formatting (*bold*, _italic_, ~strike~,
 * ```code```), converted from the message's markdown, at most 1,024 characters, with one image
 * and up to three quick-reply buttons. A hand-written variant may name a pre-approved template
 * instead (`templateName`, `templateParameters`): WhatsApp only lets businesses open a
 * conversation with one, so the rendering then carries the template and its filled parameters.
 */
export class WhatsAppRenderer implements ChannelRenderer {
  readonly key = 'whatsApp';
  readonly description = 'A WhatsApp Business message: formatted text, an image and quick-reply buttons, or an approved template';
  readonly overrideKeys = ['text', 'buttons', 'templateName', 'templateParameters'];
  readonly constraints = [
    { name: 'textLength', limit: WHATSAPP_TEXT_LIMIT, description: 'characters of the message text' },
    { name: 'buttons', limit: WHATSAPP_BUTTONS, description: `quick-reply buttons, each at most ${WHATSAPP_BUTTON_LIMIT} characters` },
  ];
  readonly graphqlType = 'WhatsAppVariant';
  readonly parts: Record<string, OutputPart> = {
    body: { type: 'String', description: 'The message text in WhatsApp formatting' },
    imageUrl: { type: 'String', nullable: true },
    buttons: { type: 'JSON', description: 'Quick-reply button labels' },
    template: { type: 'JSON', nullable: true, description: 'A pre-approved template: { name, language, parameters }' },
  };
  /** 1.91:1, the shape WhatsApp shows an image in a chat. */
  readonly renditions: Record<string, RenditionSpec> = { whatsApp: { width: 1200, height: 628, fit: 'cover', format: 'jpeg', quality: 85 } };

  async compile(input: RenderInput): Promise<CompiledRendering> {
    const { roles, overrides, locale, config } = input;
    const cta = roles.callToAction && safeLinkUrl(roles.callToAction.url, config.linkSchemes) ? roles.callToAction : undefined;
    const body = TokenTemplate.plain(typeof overrides.text === 'string' ? overrides.text : composeBody(roles.headline, roles.body ?? roles.summary, cta), 'fields.text');
    const buttonSources = Array.isArray(overrides.buttons) ? (overrides.buttons as string[]) : cta ? [cta.label] : [];
    const buttons = buttonSources.slice(0, WHATSAPP_BUTTONS).map((label, index) => TokenTemplate.plain(label, `fields.buttons[${index}]`));
    const templateName = typeof overrides.templateName === 'string' ? overrides.templateName : null;
    const parameters = (Array.isArray(overrides.templateParameters) ? (overrides.templateParameters as string[]) : []).map((parameter, index) => TokenTemplate.plain(parameter, `fields.templateParameters[${index}]`));
    const imageUrl = input.images.whatsApp ?? null;
    return {
      approximateBytes: retainedBytes(body, buttons, templateName, parameters, imageUrl, cta),
      fill: (recipient) => {
        const warnings: string[] = [];
        const scope: TokenScope = { customer: recipient.attributes, now: recipient.now };
        const filledParameters = parameters.map((parameter) => parameter.render(scope, warnings));
        const full = templateName ? filledParameters.join('\n') : body.render(scope, warnings).trim();
        const text = shortenToFit(full, (candidate) => [...candidate].length <= WHATSAPP_TEXT_LIMIT);
        if (text !== full) warnings.push(`The text was shortened to ${WHATSAPP_TEXT_LIMIT} characters`);
        if (buttonSources.length > WHATSAPP_BUTTONS) warnings.push(`Only the first ${WHATSAPP_BUTTONS} buttons were kept`);
        const labels = buttons.map((button) => {
          const label = button.render(scope, warnings).trim();
          const fitted = shortenToFit(label, (candidate) => [...candidate].length <= WHATSAPP_BUTTON_LIMIT);
          if (fitted !== label) warnings.push(`The button "${label}" was shortened to ${WHATSAPP_BUTTON_LIMIT} characters`);
          return fitted;
        });
        return {
          text,
          warnings,
          metrics: [
            { name: 'textLength', value: [...text].length, limit: WHATSAPP_TEXT_LIMIT },
            { name: 'buttons', value: labels.length, limit: WHATSAPP_BUTTONS },
          ],
          parts: { body: text, imageUrl, buttons: labels, template: templateName ? { name: templateName, language: locale.replace('-', '_'), parameters: filledParameters } : null },
        };
      },
    };
  }

  validateOverride(fields: Record<string, unknown>): void {
    if (fields.text !== undefined && (typeof fields.text !== 'string' || [...fields.text].length > WHATSAPP_TEXT_LIMIT)) {
      throw new BadUserInputError(`fields.text must be text of at most ${WHATSAPP_TEXT_LIMIT} characters`, 'input.fields.text', { limit: WHATSAPP_TEXT_LIMIT });
    }
    if (fields.buttons !== undefined) {
      const buttons = fields.buttons;
      if (!Array.isArray(buttons) || buttons.length > WHATSAPP_BUTTONS || buttons.some((label) => typeof label !== 'string' || label.trim() === '' || [...label].length > WHATSAPP_BUTTON_LIMIT)) {
        throw new BadUserInputError(`fields.buttons must be at most ${WHATSAPP_BUTTONS} labels of 1 to ${WHATSAPP_BUTTON_LIMIT} characters`, 'input.fields.buttons');
      }
    }
    if (fields.templateName !== undefined && (typeof fields.templateName !== 'string' || !TEMPLATE_NAME.test(fields.templateName))) {
      throw new BadUserInputError('fields.templateName must be the name of an approved WhatsApp template: lowercase letters, digits and _', 'input.fields.templateName');
    }
    if (fields.templateParameters !== undefined) {
      const parameters = fields.templateParameters;
      if (fields.templateName === undefined) throw new BadUserInputError('fields.templateParameters needs fields.templateName', 'input.fields.templateParameters');
      if (!Array.isArray(parameters) || parameters.length > TEMPLATE_PARAMETERS || parameters.some((parameter) => typeof parameter !== 'string' || [...parameter].length > WHATSAPP_TEXT_LIMIT)) {
        throw new BadUserInputError(`fields.templateParameters must be at most ${TEMPLATE_PARAMETERS} texts`, 'input.fields.templateParameters');
      }
    }
  }
}

/** *Headline*, the body in WhatsApp formatting, and the link on its own line. */
function composeBody(headline: string | undefined, markdown: string | undefined, cta: { label: string; url: string } | undefined): string {
  return [headline ? `*${headline.trim()}*` : '', markdown ? markdownToWhatsApp(markdown) : '', cta ? `${cta.label}: ${cta.url}` : ''].filter(Boolean).join('\n\n');
}

/** Markdown to WhatsApp's formatting; Liquid tokens pass through untouched. */
export function markdownToWhatsApp(markdown: string): string {
  const vault = new TokenVault();
  const blocks = marked.lexer(vault.protect(markdown)).map(block).filter(Boolean);
  return vault.restore(blocks.join('\n\n'));
}

function block(token: Token): string {
  switch (token.type) {
    case 'heading':
      return `*${inline((token as Tokens.Heading).tokens)}*`;
    case 'paragraph':
      return inline((token as Tokens.Paragraph).tokens);
    case 'list': {
      const list = token as Tokens.List;
      return list.items.map((item, index) => `${list.ordered ? `${Number(list.start || 1) + index}.` : '-'} ${item.tokens.map(block).join(' ')}`).join('\n');
    }
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.map(block).map((line) => `> ${line}`).join('\n');
    case 'code':
      return `\`\`\`${(token as Tokens.Code).text}\`\`\``;
    case 'text':
      return (token as Tokens.Text).tokens ? inline((token as Tokens.Text).tokens) : (token as Tokens.Text).text;
    default:
      return '';
  }
}

function inline(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => {
      switch (token.type) {
        case 'strong':
          return `*${inline((token as Tokens.Strong).tokens)}*`;
        case 'em':
          return `_${inline((token as Tokens.Em).tokens)}_`;
        case 'del':
          return `~${inline((token as Tokens.Del).tokens)}~`;
        case 'codespan':
          return `\`\`\`${(token as Tokens.Codespan).text}\`\`\``;
        case 'link': {
          const link = token as Tokens.Link;
          const label = inline(link.tokens);
          return label === link.href ? link.href : `${label} (${link.href})`;
        }
        case 'br':
          return '\n';
        case 'html':
          return '';
        case 'escape':
        case 'text':
          return 'tokens' in token && token.tokens ? inline(token.tokens) : unescapeHtml((token as Tokens.Text).text);
        default:
          return 'text' in token ? String(token.text) : '';
      }
    })
    .join('');
}
