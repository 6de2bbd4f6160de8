import { MessageRoles } from '../../content-models/message-roles';

/** One message that uses every role, with tokens and markdown, rendered by every channel in the contract test. */
export const GOLDEN_MESSAGE: Required<MessageRoles> = {
  headline: 'Zomer in beweging, {{ customer.firstName | default: "sporter" }}',
  summary: 'Twee weken lang 20% korting op alle hardloopschoenen.',
  body: [
    'De zomer is hét moment om in beweging te komen, {{ customer.firstName | default: "sporter" }}.',
    '',
    '## Waarom nu?',
    '',
    '- De nieuwe **zomercollectie** is binnen',
    '- Gratis *looptest* in elke winkel',
    '',
    'Lees meer op [onze site](https://example.com/zomer).',
  ].join('\n'),
  callToAction: { label: 'Bekijk de actie', url: 'https://example.com/zomer' },
  image: { url: 'https://example.com/zomer.jpg', alt: 'Een loopster in de zomerzon' },
  hashtags: ['zomer', 'hardlopen'],
  signOff: 'Sportieve groet, het team van Loopwerk',
  legal: 'Actie geldig van 1 tot en met 14 juli 2027.',
};

export const GOLDEN_CUSTOMERS = {
  formal: { title: 'heer', firstName: 'Jan', lastName: 'De Vries', address: { lines: ['Keizersgracht 1'], postalCode: '1015 CJ', city: 'Amsterdam', country: 'NL' } },
  informal: { firstName: 'Sanne', lastName: 'Jansen', address: { lines: ['Veldstraat 10'], postalCode: '9000', city: 'Gent', country: 'BE' } },
};
