import { ChannelRenderer } from './channel-renderer';
import { EmailRenderer } from './renderers/email.renderer';
import { InAppRenderer } from './renderers/in-app.renderer';
import { LetterRenderer } from './renderers/letter.renderer';
import { SmsRenderer } from './renderers/sms.renderer';
import { TweetRenderer } from './renderers/tweet.renderer';
import { WhatsAppRenderer } from './renderers/whatsapp.renderer';
import { RcsRenderer } from './renderers/rcs.renderer';

/** The channels the hub ships with, registered through ChannelsModule.forRoot. A new channel is one renderer file and one line here. */
export const BUILT_IN_RENDERERS: (new () => ChannelRenderer)[] = [TweetRenderer, EmailRenderer, LetterRenderer, InAppRenderer, SmsRenderer, WhatsAppRenderer, RcsRenderer];

/** Fresh instances of the built-in renderers, for tests and tools that render without the hub. */
export function builtInRenderers(): ChannelRenderer[] {
  return BUILT_IN_RENDERERS.map((Renderer) => new Renderer());
}
