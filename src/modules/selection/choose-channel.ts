import { BadUserInputError } from '../../common/errors/domain-errors';

/** When no persona states a preference, channels are tried in this order. */
export const DEFAULT_CHANNEL_ORDER = ['email', 'inApp', 'sms', 'tweet', 'letter'];

export interface ChannelChoice {
  channel: string;
  reason: string;
}

/**
 * Step 5 of selection (README.md beside this file). A given channel must be consented to; otherwise the first channel of the
 * matched personas' preferences that the customer consented to and the item allows. Nothing is
 * ever sent on a channel the customer did not allow.
 */
export function chooseChannel(request: {
  requested: string | undefined;
  consents: string[];
  itemChannels: string[];
  registered: string[];
  personas: { key: string; channelPreferences: string[] }[];
  defaultOrder?: string[];
}): ChannelChoice {
  const allowedByItem = (channel: string) => request.itemChannels.length === 0 || request.itemChannels.includes(channel);
  const usable = (channel: string) => request.registered.includes(channel) && request.consents.includes(channel) && allowedByItem(channel);
  if (request.requested) {
    if (!request.consents.includes(request.requested)) {
      throw new BadUserInputError(`The customer has not consented to ${request.requested}; consents: ${request.consents.join(', ') || 'none'}`, 'input.channel');
    }
    return { channel: request.requested, reason: `${request.requested} was requested and the customer consented to it` };
  }
  for (const persona of request.personas) {
    const preferred = persona.channelPreferences.find(usable);
    if (preferred) {
      const skipped = persona.channelPreferences.slice(0, persona.channelPreferences.indexOf(preferred));
      const note = skipped.length > 0 ? ` (skipped ${skipped.join(', ')}: not consented or not allowed)` : '';
      return { channel: preferred, reason: `first preference of persona ${persona.key} that the customer consented to${note}` };
    }
  }
  const fallback = (request.defaultOrder ?? DEFAULT_CHANNEL_ORDER).concat(request.registered).find(usable);
  if (fallback) return { channel: fallback, reason: `no persona preference applies; ${fallback} is the first consented channel in the hub's default order` };
  const allowed = request.itemChannels.length > 0 ? request.itemChannels.join(', ') : 'any channel';
  throw new BadUserInputError(
    `The customer consented to none of the channels this message allows (message allows ${allowed}; consents: ${request.consents.join(', ') || 'none'})`,
    'input.context.consents',
  );
}
