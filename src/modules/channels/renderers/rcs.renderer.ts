import { RenditionSpec } from '../../../common/renditions/rendition-spec';
import { safeLinkUrl } from '../../../common/urls/safe-url';
import { BadUserInputError } from '../../../common/errors/domain-errors';
import { ChannelRenderer, CompiledRendering, OutputPart, RenderInput } from '../channel-renderer';
import { retainedBytes } from '../compiled-size';
import { markdownToInlineText } from '../markdown/markdown';
import { TokenScope, TokenTemplate } from '../personalisation/liquid-sandbox';
import { RendererConfig } from '../renderer-config';
import { shortenToFit } from '../text/shorten';
import { SmsRenderer } from './sms.renderer';

export const RCS_TITLE_LIMIT = 200;
export const RCS_DESCRIPTION_LIMIT = 2000;
export const RCS_SUGGESTIONS = 4;
export const RCS_SUGGESTION_LIMIT = 25;
export const MEDIA_HEIGHTS = ['SHORT', 'MEDIUM', 'TALL'] as const;
export type MediaHeight = (typeof MEDIA_HEIGHTS)[number];

/** Each height class of a rich card shows its media in its own shape (about 3:1, 2:1 and 6:5 on a 320 dp card). */
const MEDIA_PROFILES: Record<MediaHeight, string> = { SHORT: 'rcsShort', MEDIUM: 'rcsMedium', TALL: 'rcsTall' };

export interface RcsSuggestion {
  type: 'reply' | 'openUrl';
  text: string;
  url?: string;
}

/**
 * An RCS rich card: title, description, media in a height class and up to four suggestions (the
 * call to action as an "open URL" action, or a variant's own replies), with the SMS a phone
 * without RCS receives instead, made by the SMS channel itself.
 */
export class RcsRenderer implements ChannelRenderer {
  readonly key = 'rcs';
  readonly description = 'An RCS rich card: title, description, media and suggested replies or actions, with an SMS fallback';
  readonly overrideKeys = ['title', 'description', 'mediaHeight', 'suggestions', 'fallbackText'];
  readonly constraints = [
    { name: 'titleLength', limit: RCS_TITLE_LIMIT, description: 'characters of the card title' },
    { name: 'descriptionLength', limit: RCS_DESCRIPTION_LIMIT, description: 'characters of the card description' },
    { name: 'suggestions', limit: RCS_SUGGESTIONS, description: `suggested replies or actions, each at most ${RCS_SUGGESTION_LIMIT} characters` },
  ];
  readonly graphqlType = 'RcsVariant';
  readonly parts: Record<string, OutputPart> = {
    title: { type: 'String' },
    description: { type: 'String' },
    mediaUrl: { type: 'String', nullable: true },
    mediaHeight: { type: 'String', description: 'SHORT, MEDIUM or TALL' },
    suggestions: { type: 'JSON', description: 'Up to four { type: reply | openUrl, text, url }' },
    fallbackText: { type: 'String', description: 'The SMS sent where RCS is not available' },
  };
  readonly renditions: Record<string, RenditionSpec> = {
    rcsShort: { width: 1440, height: 480, fit: 'cover', format: 'jpeg', quality: 85 },
    rcsMedium: { width: 1440, height: 720, fit: 'cover', format: 'jpeg', quality: 85 },
    rcsTall: { width: 1440, height: 1200, fit: 'cover', format: 'jpeg', quality: 85 },
  };
  private readonly sms = new SmsRenderer();

  async compile(input: RenderInput): Promise<CompiledRendering> {
    const { roles, overrides, config } = input;
    const title = TokenTemplate.plain(String(overrides.title ?? roles.headline ?? ''), 'fields.title');
    const description = TokenTemplate.plain(String(overrides.description ?? (roles.body ? markdownToInlineText(roles.body) : (roles.summary ?? ''))), 'fields.description');
    const mediaHeight: MediaHeight = MEDIA_HEIGHTS.includes(overrides.mediaHeight as MediaHeight) ? (overrides.mediaHeight as MediaHeight) : 'MEDIUM';
    const mediaUrl = input.images[MEDIA_PROFILES[mediaHeight]] ?? null;
    const ctaUrl = roles.callToAction ? safeLinkUrl(roles.callToAction.url, config.linkSchemes) : null;
    const suggestionSources: RcsSuggestion[] = Array.isArray(overrides.suggestions)
      ? (overrides.suggestions as string[]).map((text) => ({ type: 'reply', text }))
      : roles.callToAction && ctaUrl
        ? [{ type: 'openUrl', text: roles.callToAction.label, url: ctaUrl }]
        : [];
    const suggestions = suggestionSources.slice(0, RCS_SUGGESTIONS).map((suggestion, index) => ({ ...suggestion, template: TokenTemplate.plain(suggestion.text, `fields.suggestions[${index}]`) }));
    const fallback = await this.sms.compile({ ...input, overrides: typeof overrides.fallbackText === 'string' ? { text: overrides.fallbackText } : {} });
    return {
      approximateBytes: retainedBytes(title, description, mediaUrl, ctaUrl, suggestionSources, suggestions.map(({ template }) => template), fallback),
      fill: (recipient) => {
        const warnings: string[] = [];
        const scope: TokenScope = { customer: recipient.attributes, now: recipient.now };
        const fit = (text: string, limit: number, what: string) => {
          const fitted = shortenToFit(text, (candidate) => [...candidate].length <= limit);
          if (fitted !== text) warnings.push(`The ${what} was shortened to ${limit} characters`);
          return fitted;
        };
        const cardTitle = fit(title.render(scope, warnings).replace(/\s+/g, ' ').trim(), RCS_TITLE_LIMIT, 'title');
        const cardDescription = fit(description.render(scope, warnings).trim(), RCS_DESCRIPTION_LIMIT, 'description');
        if (suggestionSources.length > RCS_SUGGESTIONS) warnings.push(`Only the first ${RCS_SUGGESTIONS} suggestions were kept`);
        const filled = suggestions.map(({ template, ...suggestion }) => ({ ...suggestion, text: fit(template.render(scope, warnings).trim(), RCS_SUGGESTION_LIMIT, `suggestion "${suggestion.text}"`) }));
        const sms = fallback.fill(recipient);
        return {
          text: [cardTitle, cardDescription, ...filled.map((suggestion) => (suggestion.url ? `${suggestion.text}: ${suggestion.url}` : suggestion.text))].filter(Boolean).join('\n'),
          warnings: [...warnings, ...sms.warnings.map((warning) => `SMS fallback: ${warning}`)],
          metrics: [
            { name: 'titleLength', value: [...cardTitle].length, limit: RCS_TITLE_LIMIT },
            { name: 'descriptionLength', value: [...cardDescription].length, limit: RCS_DESCRIPTION_LIMIT },
            { name: 'suggestions', value: filled.length, limit: RCS_SUGGESTIONS },
            ...sms.metrics.map((metric) => ({ ...metric, name: `fallback.${metric.name}` })),
          ],
          parts: { title: cardTitle, description: cardDescription, mediaUrl, mediaHeight, suggestions: filled, fallbackText: sms.text },
        };
      },
    };
  }

  validateOverride(fields: Record<string, unknown>, config: RendererConfig): void {
    for (const [key, limit] of [['title', RCS_TITLE_LIMIT], ['description', RCS_DESCRIPTION_LIMIT]] as const) {
      const value = fields[key];
      if (value !== undefined && (typeof value !== 'string' || value.trim() === '' || [...value].length > limit)) {
        throw new BadUserInputError(`fields.${key} must be text of 1 to ${limit} characters`, `input.fields.${key}`, { limit });
      }
    }
    if (fields.mediaHeight !== undefined && !MEDIA_HEIGHTS.includes(fields.mediaHeight as MediaHeight)) {
      throw new BadUserInputError(`fields.mediaHeight must be one of ${MEDIA_HEIGHTS.join(', ')}`, 'input.fields.mediaHeight');
    }
    const suggestions = fields.suggestions;
    if (suggestions !== undefined && (!Array.isArray(suggestions) || suggestions.length > RCS_SUGGESTIONS || suggestions.some((text) => typeof text !== 'string' || text.trim() === '' || [...text].length > RCS_SUGGESTION_LIMIT))) {
      throw new BadUserInputError(`fields.suggestions must be at most ${RCS_SUGGESTIONS} replies of 1 to ${RCS_SUGGESTION_LIMIT} characters`, 'input.fields.suggestions');
    }
    if (fields.fallbackText === undefined) return;
    try {
      this.sms.validateOverride({ text: fields.fallbackText }, config);
    } catch (error) {
      if (!(error instanceof BadUserInputError)) throw error;
      // The SMS channel names its own field; here the text is the card's fallback.
      throw new BadUserInputError(`The SMS fallback: ${error.message}`, 'input.fields.fallbackText', { ...error.details, path: 'input.fields.fallbackText' });
    }
  }
}
