import { BadUserInputError } from '../../../common/errors/domain-errors';
import { ChannelRenderer, ChannelSetting, CompiledRendering, OutputPart, RenderInput, settingValue } from '../channel-renderer';
import { retainedBytes } from '../compiled-size';
import { TokenTemplate } from '../personalisation/liquid-sandbox';
import { RendererConfig } from '../renderer-config';
import { measureSms } from '../sms/sms-encoding';
import { leadLine } from '../text/lead-line';
import { shortenToFit } from '../text/shorten';

/**
 * An SMS: the headline and summary with the call-to-action URL, in GSM-7 when every character
 * allows it (160/153 per segment), else UCS-2 (70/67), shortened to the configured segment count.
 */
export class SmsRenderer implements ChannelRenderer {
  readonly key = 'sms';
  readonly description = 'A text message: plain text with the call-to-action link, GSM-7 or UCS-2';
  readonly overrideKeys = ['text'];
  readonly settings: Record<string, ChannelSetting> = {
    maxSegments: { env: 'HUB_SMS_MAX_SEGMENTS', default: 3, min: 1, max: 10, description: 'segments the longest SMS may have' },
  };
  readonly graphqlType = 'SmsVariant';
  readonly parts: Record<string, OutputPart> = {
    segments: { type: 'Int' },
    encoding: { type: 'String', description: 'GSM-7 or UCS-2' },
  };
  readonly constraints = [
    {
      name: 'segments',
      limit: null,
      description: 'segments of 160/153 GSM-7 characters or 70/67 UCS-2 characters (HUB_SMS_MAX_SEGMENTS)',
      configuredLimit: (config: RendererConfig) => settingValue(this, config, 'maxSegments'),
    },
  ];

  async compile(input: RenderInput): Promise<CompiledRendering> {
    const { roles, overrides, config } = input;
    const source = typeof overrides.text === 'string' ? overrides.text : leadLine(roles);
    const template = TokenTemplate.plain(source, typeof overrides.text === 'string' ? 'fields.text' : 'fields');
    const url = typeof overrides.text === 'string' ? '' : (roles.callToAction?.url ?? '');
    const maxSegments = settingValue(this, config, 'maxSegments');
    return {
      approximateBytes: retainedBytes(template, url),
      fill: (recipient) => {
        const warnings: string[] = [];
        const message = template.render({ customer: recipient.attributes, now: recipient.now }, warnings).replace(/\s+/g, ' ').trim();
        const assemble = (candidate: string) => [candidate, url].filter(Boolean).join(' ');
        const fits = (candidate: string) => measureSms(assemble(candidate)).segments <= maxSegments;
        const shortened = fits(message) ? message : shortenToFit(message, fits);
        if (shortened !== message) warnings.push(`Shortened to fit ${maxSegments} SMS segment${maxSegments === 1 ? '' : 's'}`);
        const text = assemble(shortened);
        const measure = measureSms(text);
        if (measure.encoding === 'UCS-2') warnings.push('Characters outside GSM-7 make this a UCS-2 message (70 characters per segment)');
        return {
          text,
          warnings,
          metrics: [
            { name: 'segments', value: measure.segments, limit: maxSegments },
            { name: 'characters', value: measure.units, limit: measure.perSegment * maxSegments },
          ],
          parts: { segments: measure.segments, encoding: measure.encoding },
        };
      },
    };
  }

  validateOverride(fields: Record<string, unknown>, config: RendererConfig): void {
    if (fields.text === undefined) return;
    if (typeof fields.text !== 'string' || fields.text.trim() === '') throw new BadUserInputError('fields.text must be the text of the SMS', 'input.fields.text');
    const measure = measureSms(fields.text);
    const maxSegments = settingValue(this, config, 'maxSegments');
    if (measure.segments > maxSegments) {
      throw new BadUserInputError(`The SMS needs ${measure.segments} segments (${measure.encoding}); the limit is ${maxSegments}`, 'input.fields.text', {
        limit: maxSegments,
        value: measure.segments,
      });
    }
  }
}
