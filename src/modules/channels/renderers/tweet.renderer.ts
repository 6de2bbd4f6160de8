import twitterText from 'twitter-text';
import { BadUserInputError } from '../../../common/errors/domain-errors';
import { RenditionSpec } from '../../../common/renditions/rendition-spec';
import { ChannelRenderer, CompiledRendering, OutputPart, RenderInput } from '../channel-renderer';
import { retainedBytes } from '../compiled-size';
import { TokenScope, TokenTemplate } from '../personalisation/liquid-sandbox';
import { leadLine } from '../text/lead-line';
import { shortenToFit } from '../text/shorten';

export const TWEET_LIMIT = 280;

/** Length as X counts it: URLs 23, CJK and emoji double. */
export function weightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

/**
 * A tweet: headline and summary (or the body's opening), the call-to-action URL and hashtags.
 * Shortened on sentence or word boundaries to 280 weighted characters; the URL always stays and
 * as many hashtags as fit.
 */
export class TweetRenderer implements ChannelRenderer {
  readonly key = 'tweet';
  readonly description = 'A post on X/Twitter: plain text with the call-to-action link and hashtags';
  readonly constraints = [{ name: 'weightedLength', limit: TWEET_LIMIT, description: 'weighted length as twitter-text counts it (URLs 23, CJK and emoji 2)' }];
  readonly overrideKeys = ['text'];
  readonly graphqlType = 'TweetVariant';
  readonly parts: Record<string, OutputPart> = {
    weightedLength: { type: 'Int', description: 'Length as twitter-text counts it (URLs 23, CJK and emoji double)' },
    imageUrl: { type: 'String', nullable: true, description: 'Card image URL (the tweet rendition)' },
  };
  /** The 1200×675 card image of a post, cropped around the focal point. */
  readonly renditions: Record<string, RenditionSpec> = { tweet: { width: 1200, height: 675, fit: 'cover', format: 'jpeg', quality: 85 } };

  async compile(input: RenderInput): Promise<CompiledRendering> {
    const { roles, overrides } = input;
    const handWritten = typeof overrides.text === 'string' ? TokenTemplate.plain(overrides.text, 'fields.text') : null;
    const main = TokenTemplate.plain(leadLine(roles), 'fields');
    const url = roles.callToAction?.url ?? '';
    const hashtags = (roles.hashtags ?? []).map((tag) => `#${tag.replace(/^#/, '')}`);
    const imageUrl = input.images.tweet ?? null;
    return {
      approximateBytes: retainedBytes(handWritten, main, url, hashtags, imageUrl),
      fill: (recipient) => {
        const warnings: string[] = [];
        const scope: TokenScope = { customer: recipient.attributes, now: recipient.now };
        let text: string;
        let length: number;
        if (handWritten) {
          text = handWritten.render(scope, warnings).trim();
          length = weightedLength(text);
          if (length > TWEET_LIMIT) {
            text = shortenToFit(text, (candidate) => weightedLength(candidate) <= TWEET_LIMIT);
            length = weightedLength(text);
            warnings.push('The hand-written tweet grew past 280 after its tokens were filled; it was shortened');
          }
        } else {
          ({ text, length } = composeTweet(main.render(scope, warnings).trim(), url, hashtags, warnings));
        }
        return { text, warnings, metrics: [{ name: 'weightedLength', value: length, limit: TWEET_LIMIT }], parts: { weightedLength: length, imageUrl } };
      },
    };
  }

  validateOverride(fields: Record<string, unknown>): void {
    if (fields.text === undefined) return;
    if (typeof fields.text !== 'string' || fields.text.trim() === '') throw new BadUserInputError('fields.text must be the text of the tweet', 'input.fields.text');
    const length = weightedLength(fields.text);
    if (length > TWEET_LIMIT) {
      throw new BadUserInputError(`The tweet is ${length} weighted characters; the limit is ${TWEET_LIMIT} (URLs count 23, CJK and emoji 2)`, 'input.fields.text', { limit: TWEET_LIMIT, value: length });
    }
  }
}

/**
 * Keeps the URL, then as many hashtags as leave the message a fair share, shortening the message
 * last. Answers the tweet with its weighted length: parsing a tweet is most of what filling one costs.
 */
export function composeTweet(main: string, url: string, hashtags: string[], warnings: string[]): { text: string; length: number } {
  const assemble = (message: string, tags: string[]) => [message, url, tags.join(' ')].filter(Boolean).join(' ');
  const measured = (text: string) => ({ text, length: weightedLength(text) });
  const full = measured(assemble(main, hashtags));
  if (full.length <= TWEET_LIMIT) return full;
  const mainLength = weightedLength(main);
  for (let count = hashtags.length; count >= 0; count -= 1) {
    const tags = hashtags.slice(0, count);
    const budget = TWEET_LIMIT - weightedLength(assemble('x', tags)) + 1;
    if (count > 0 && budget < Math.min(mainLength, 100)) continue;
    const message = shortenToFit(main, (candidate) => weightedLength(assemble(candidate, tags)) <= TWEET_LIMIT);
    if (message !== main) warnings.push(`The message was shortened to fit ${TWEET_LIMIT} weighted characters`);
    if (count < hashtags.length) warnings.push(`Dropped hashtags that did not fit: ${hashtags.slice(count).join(' ')}`);
    return measured(assemble(message, tags));
  }
  return measured(assemble(shortenToFit(main, (candidate) => weightedLength(assemble(candidate, [])) <= TWEET_LIMIT), []));
}
