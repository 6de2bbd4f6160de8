import { ChannelRenderer } from './channel-renderer';
import { EmailRenderer } from './renderers/email.renderer';
import { InAppRenderer } from './renderers/in-app.renderer';
import { LetterRenderer } from './renderers/letter.renderer';
import { SmsRenderer } from './renderers/sms.renderer';
import { TweetRenderer } from './renderers/tweet.renderer';
import { WhatsAppRenderer } from './renderers/whatsapp.renderer';
import { RcsRenderer } from './renderers/rcs.renderer';

/** The channels the hub ships with. A new channel is one renderer file and one line here. */
export function builtInRenderers(): ChannelRenderer[] {
  return [new TweetRenderer(), new EmailRenderer(), new LetterRenderer(), new InAppRenderer(), new SmsRenderer(), new WhatsAppRenderer(), new RcsRenderer()];
}
