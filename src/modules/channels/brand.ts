/**
 * Who a message comes from, as print and email show it: set per theme and locale by editors
 * (upsertBrand), never written into renderer code.
 */
export interface Brand {
  name: string;
  /** The letter's sender block, top right: name, address lines, phone, web. */
  senderLines: string[];
  /** The small return line above the address in the envelope window; default: the sender lines on one line. */
  returnAddress: string | null;
  /** The company line at the foot of every email. */
  emailFooter: string | null;
  /** A legal line printed under every email and letter, after the message's own. */
  legal: string | null;
  /** The unsubscribe link's text; default: the locale's word for it. */
  unsubscribeText: string | null;
}

/** What renders when no brand is set: no sender block, no footer; the letter warns about it. */
export const UNBRANDED: Brand = { name: '', senderLines: [], returnAddress: null, emailFooter: null, legal: null, unsubscribeText: null };

export function returnLine(brand: Brand): string {
  return brand.returnAddress ?? brand.senderLines.join(' · ');
}
