import { BrandValues } from '../brands/brand-record';
import { JourneyStage, Purpose } from '../content/content.enums';
import { CreateContentItemInput } from '../content/dto/create-content-item.input';
import { Tone } from '../personas/persona.types';
import { UpsertPersonaInput } from '../personas/upsert-persona.input';

/** The demo shop: its letters' sender block, its emails' footer and legal line. */
export const DEMO_BRAND: BrandValues = {
  theme: null,
  locale: null,
  name: 'Loopwerk',
  senderLines: ['Loopwerk', 'Postbus 123', '1000 AB Amsterdam', 'loopwerk.example'],
  returnAddress: 'Loopwerk · Postbus 123 · 1000 AB Amsterdam',
  emailFooter: 'Loopwerk B.V. · Postbus 123 · 1000 AB Amsterdam',
  legal: 'KvK 12345678 · Prijzen inclusief btw',
  unsubscribeText: null,
};

/** Three personas with different tones and channel preferences. */
export const DEMO_PERSONAS: UpsertPersonaInput[] = [
  {
    key: 'sportieve-sanne',
    name: 'Sportieve Sanne',
    description: 'Runs three times a week, buys online, reads her phone first.',
    tone: Tone.INFORMAL,
    channelPreferences: ['inApp', 'email', 'sms'],
    criteria: { all: [{ attr: 'age', gte: 25 }, { attr: 'interests', contains: 'running' }] },
  },
  {
    key: 'meneer-de-vries',
    name: 'Meneer De Vries',
    description: 'Loyal customer since 1998; reads his post, expects to be addressed formally.',
    tone: Tone.FORMAL,
    channelPreferences: ['letter', 'email'],
    criteria: { all: [{ attr: 'age', gte: 60 }, { not: { attr: 'interests', contains: 'social' } }] },
  },
  {
    key: 'trendy-tim',
    name: 'Trendy Tim',
    description: 'Follows the brand on social media, reacts to short messages.',
    tone: Tone.INFORMAL,
    channelPreferences: ['tweet', 'sms', 'inApp'],
    criteria: { any: [{ attr: 'interests', contains: 'social' }, { attr: 'followsBrand', eq: true }] },
  },
];

const sharedMetadata = {
  theme: 'zomeractie',
  purpose: Purpose.MOTIVATE,
  journeyStages: [JourneyStage.CONSIDERATION, JourneyStage.PURCHASE],
  tags: ['sale', 'summer'],
  personaTags: [],
  channels: [],
  priority: 10,
};

/** One campaign theme, in Dutch and English. */
export const DEMO_ITEMS: CreateContentItemInput[] = [
  {
    model: 'message',
    locale: 'nl',
    slug: 'zomeractie-2027',
    fields: {
      headline: 'Zomer in beweging',
      summary: 'Twee weken lang 20% korting op alle hardloopschoenen, {{ customer.firstName | default: "sporter" }}.',
      body: [
        'De zomer is hét moment om in beweging te komen. Daarom krijg je **twee weken lang 20% korting** op alle hardloopschoenen en -kleding.',
        '',
        '## Waarom nu?',
        '',
        '- De nieuwe zomercollectie is binnen',
        '- Gratis looptest in elke winkel',
        '- Ruilen kan tot 60 dagen na aankoop',
        '',
        'Kom langs in de winkel of bestel *online*: wij helpen je graag aan de schoen die bij jouw loopstijl past.',
      ].join('\n'),
      callToAction: { label: 'Bekijk de actie', url: 'https://example.com/zomer' },
      hashtags: ['zomer', 'hardlopen'],
      signOff: 'Sportieve groet, het team van Loopwerk',
      legal: 'Actie geldig van 1 tot en met 14 juli 2027, zolang de voorraad strekt. Niet geldig in combinatie met andere acties.',
    },
    metadata: sharedMetadata,
  },
  {
    model: 'message',
    locale: 'en',
    slug: 'zomeractie-2027',
    fields: {
      headline: 'Summer in motion',
      summary: 'Two weeks of 20% off all running shoes, {{ customer.firstName | default: "runner" }}.',
      body: [
        'Summer is the moment to get moving. That is why you get **20% off all running shoes and apparel for two weeks**.',
        '',
        '## Why now?',
        '',
        '- The new summer collection has arrived',
        '- A free running analysis in every store',
        '- Exchange up to 60 days after purchase',
        '',
        'Visit a store or order *online*: we will gladly help you find the shoe that suits the way you run.',
      ].join('\n'),
      callToAction: { label: 'See the offer', url: 'https://example.com/summer' },
      hashtags: ['summer', 'running'],
      signOff: 'Keep running, the Loopwerk team',
      legal: 'Offer valid from 1 to 14 July 2027 while stocks last. Cannot be combined with other offers.',
    },
    metadata: sharedMetadata,
  },
];

/** Hand-written variants of the Dutch message: a tweet experiment for Sanne and a formal email subject. */
export const DEMO_VARIANTS = [
  {
    locale: 'nl',
    channel: 'tweet',
    personaTags: ['sportieve-sanne'],
    fields: { text: 'Zomer! {{ customer.firstName | default: "Hé sporter" }}, twee weken 20% korting op hardloopschoenen 🏃‍♀️ https://example.com/zomer #zomer' },
    experiment: { key: 'zomer-tweet', weight: 50 },
    label: 'A',
  },
  {
    locale: 'nl',
    channel: 'tweet',
    personaTags: ['sportieve-sanne'],
    fields: { text: 'Nieuwe schoenen, nieuwe PR? {{ customer.firstName | default: "Jij" }}, pak nu 20% korting: https://example.com/zomer #hardlopen' },
    experiment: { key: 'zomer-tweet', weight: 50 },
    label: 'B',
  },
  {
    locale: 'nl',
    channel: 'email',
    personaTags: ['meneer-de-vries'],
    fields: { subject: 'Uw zomervoordeel: 20% korting op hardloopschoenen' },
    experiment: null,
    label: null,
  },
];
