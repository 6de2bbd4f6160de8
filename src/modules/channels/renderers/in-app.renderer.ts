import { safeLinkUrl } from '../../../common/urls/safe-url';
import { BadUserInputError } from '../../../common/errors/domain-errors';
import { RenditionSpec } from '../../../common/renditions/rendition-spec';
import { ChannelRenderer, ChannelSetting, CompiledRendering, OutputPart, RenderInput, settingValue } from '../channel-renderer';
import { retainedBytes } from '../compiled-size';
import { markdownToInlineText } from '../markdown/markdown';
import { TokenTemplate } from '../personalisation/liquid-sandbox';
import { RendererConfig } from '../renderer-config';
import { shortenToFit } from '../text/shorten';

const DENSITIES = { 1: 'inApp1x', 2: 'inApp2x', 3: 'inApp3x' } as const;

/**
 * An in-app card: title, body, call to action and image, plain text only. The image URL is the
 * rendition for the device's pixel density, taken from the `density` customer attribute (1, 2 or 3;
 * default 2).
 */
export class InAppRenderer implements ChannelRenderer {
  readonly key = 'inApp';
  readonly description = 'A card in the mobile app: title, body, call to action, deep link and image';
  readonly overrideKeys = ['title', 'body'];
  readonly settings: Record<string, ChannelSetting> = {
    titleLimit: { env: 'HUB_INAPP_TITLE_LIMIT', default: 50, min: 5, max: 500, description: 'characters of an in-app card title' },
    bodyLimit: { env: 'HUB_INAPP_BODY_LIMIT', default: 150, min: 10, max: 2000, description: 'characters of an in-app card body' },
  };
  readonly graphqlType = 'InAppVariant';
  readonly parts: Record<string, OutputPart> = {
    title: { type: 'String' },
    body: { type: 'String' },
    ctaLabel: { type: 'String', nullable: true },
    ctaUrl: { type: 'String', nullable: true },
    imageUrl: { type: 'String', nullable: true },
  };
  /** In-app cards are 360 points wide: WebP at 1x, 2x and 3x device density; `inApp` is the 2x most phones want. */
  readonly renditions: Record<string, RenditionSpec> = {
    inApp: { width: 720, fit: 'inside', format: 'webp', quality: 80 },
    inApp1x: { width: 360, fit: 'inside', format: 'webp', quality: 80 },
    inApp2x: { width: 720, fit: 'inside', format: 'webp', quality: 80 },
    inApp3x: { width: 1080, fit: 'inside', format: 'webp', quality: 80 },
  };
  readonly constraints = [
    { name: 'titleLength', limit: null, description: 'characters of the title (HUB_INAPP_TITLE_LIMIT)', configuredLimit: (config: RendererConfig) => settingValue(this, config, 'titleLimit') },
    { name: 'bodyLength', limit: null, description: 'characters of the body (HUB_INAPP_BODY_LIMIT)', configuredLimit: (config: RendererConfig) => settingValue(this, config, 'bodyLimit') },
  ];

  async compile(input: RenderInput): Promise<CompiledRendering> {
    const { roles, overrides, config, images } = input;
    const title = TokenTemplate.plain(stripMarkup(String(overrides.title ?? roles.headline ?? '')), 'fields.title');
    const body = TokenTemplate.plain(stripMarkup(String(overrides.body ?? roles.summary ?? roles.body ?? '')), 'fields.body');
    const titleLimit = settingValue(this, config, 'titleLimit');
    const bodyLimit = settingValue(this, config, 'bodyLimit');
    const ctaUrl = roles.callToAction ? safeLinkUrl(roles.callToAction.url, config.linkSchemes) : null;
    return {
      approximateBytes: retainedBytes(title, body, ctaUrl, images, roles),
      fill: (recipient) => {
        const warnings: string[] = [];
        const scope = { customer: recipient.attributes, now: recipient.now };
        const fullTitle = title.render(scope, warnings).trim();
        const fullBody = body.render(scope, warnings).trim();
        const cardTitle = shortenToFit(fullTitle, (candidate) => length(candidate) <= titleLimit);
        const cardBody = shortenToFit(fullBody, (candidate) => length(candidate) <= bodyLimit);
        if (cardTitle !== fullTitle) warnings.push(`The title was shortened to ${titleLimit} characters`);
        if (cardBody !== fullBody) warnings.push(`The body was shortened to ${bodyLimit} characters`);
        if (roles.callToAction && ctaUrl === null) warnings.push(`The call to action's link was left out: its scheme is not one of ${config.linkSchemes.join(', ')}`);
        const density = recipient.attributes.density;
        const imageUrl = images[DENSITIES[density === 1 || density === 3 ? density : 2]] ?? images.original ?? null;
        return {
          text: [cardTitle, cardBody, roles.callToAction ? `${roles.callToAction.label}: ${roles.callToAction.url}` : ''].filter(Boolean).join('\n'),
          warnings,
          metrics: [
            { name: 'titleLength', value: length(cardTitle), limit: titleLimit },
            { name: 'bodyLength', value: length(cardBody), limit: bodyLimit },
          ],
          parts: { title: cardTitle, body: cardBody, ctaLabel: roles.callToAction?.label ?? null, ctaUrl, imageUrl },
        };
      },
    };
  }

  validateOverride(fields: Record<string, unknown>, config: RendererConfig): void {
    for (const [key, limit] of [['title', settingValue(this, config, 'titleLimit')], ['body', settingValue(this, config, 'bodyLimit')]] as const) {
      const value = fields[key];
      if (value === undefined) continue;
      if (typeof value !== 'string') throw new BadUserInputError(`fields.${key} must be text`, `input.fields.${key}`);
      if (/<[a-z!/]/i.test(value)) throw new BadUserInputError(`fields.${key} must be plain text; in-app cards show no HTML`, `input.fields.${key}`);
      if (length(value) > limit) {
        throw new BadUserInputError(`The in-app ${key} is ${length(value)} characters; the limit is ${limit}`, `input.fields.${key}`, { limit, value: length(value) });
      }
    }
  }
}

function length(text: string): number {
  return [...text].length;
}

/** What an HTML parser would open as a tag: `<` and a letter up to the next `>` (`<A:>` too, which markdown keeps as text). */
const TAG_LIKE = /<\/?[a-z][^>]*>/gi;

/** Cards show plain text: markdown and any HTML are reduced to their words, should an app ever put the text into HTML. */
function stripMarkup(text: string): string {
  let plain = markdownToInlineText(text);
  // Removing one tag can join the text around it into another ("<<b>a>"), so until nothing is left.
  for (let previous = ''; previous !== plain; ) {
    previous = plain;
    plain = plain.replace(TAG_LIKE, '');
  }
  return plain;
}
