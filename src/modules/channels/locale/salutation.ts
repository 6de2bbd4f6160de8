import { CustomerAttributes } from '../../../common/customer-context';
import { Tone } from '../../personas/persona.types';

interface Phrases {
  formal: (title: string, lastName: string) => string;
  formalUnknown: string;
  informal: (firstName: string) => string;
  informalUnknown: string;
  unsubscribe: string;
  page: (page: number, pages: number) => string;
}

const PHRASES: Record<string, Phrases> = {
  nl: {
    formal: (title, lastName) => `Geachte ${title ? `${dutchTitle(title)} ` : ''}${lastName},`,
    formalUnknown: 'Geachte klant,',
    informal: (firstName) => `Hoi ${firstName},`,
    informalUnknown: 'Hoi,',
    unsubscribe: 'Afmelden',
    page: (page, pages) => `Pagina ${page} van ${pages}`,
  },
  en: {
    formal: (title, lastName) => `Dear ${title ? `${englishTitle(title)} ` : ''}${lastName},`,
    formalUnknown: 'Dear customer,',
    informal: (firstName) => `Hi ${firstName},`,
    informalUnknown: 'Hi there,',
    unsubscribe: 'Unsubscribe',
    page: (page, pages) => `Page ${page} of ${pages}`,
  },
};

export function phrasesFor(locale: string): Phrases {
  return PHRASES[locale.split('-')[0].toLowerCase()] ?? PHRASES.en;
}

/** "Geachte heer De Vries," (formal) or "Hoi Sanne," (informal); neutral personas are addressed formally. */
export function salutation(locale: string, tone: Tone | null, customer: CustomerAttributes): string {
  const phrases = phrasesFor(locale);
  const firstName = text(customer.firstName);
  const lastName = text(customer.lastName);
  if (tone === Tone.INFORMAL) return firstName ? phrases.informal(firstName) : phrases.informalUnknown;
  return lastName ? phrases.formal(text(customer.title), lastName) : phrases.formalUnknown;
}

/** The letter date of a locale: "24 november 2026" in nl, "24 November 2026" in en. Made once per locale, used per letter. */
export function letterDateFormat(locale: string): (date: Date) => string {
  // Bare "en" would format the American way ("November 24, 2026"); letters here follow British usage.
  const dateLocale = locale.toLowerCase() === 'en' ? 'en-GB' : locale;
  const format = new Intl.DateTimeFormat(dateLocale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
  return (date) => format.format(date);
}

function dutchTitle(title: string): string {
  return ({ mr: 'heer', 'mr.': 'heer', mrs: 'mevrouw', ms: 'mevrouw', 'ms.': 'mevrouw', dhr: 'heer', 'dhr.': 'heer', mevr: 'mevrouw', 'mevr.': 'mevrouw' } as Record<string, string>)[title.toLowerCase()] ?? title;
}

function englishTitle(title: string): string {
  return ({ heer: 'Mr', meneer: 'Mr', mevrouw: 'Ms', dhr: 'Mr', 'dhr.': 'Mr', mevr: 'Ms', 'mevr.': 'Ms' } as Record<string, string>)[title.toLowerCase()] ?? title;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
