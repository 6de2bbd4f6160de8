import { JourneyStage } from '../modules/content/content.enums';

/** What a channel app knows about one customer at request time (the README's "Customer context"). */
export interface CustomerContext {
  /** Stable id used for experiment buckets; absent means a random arm. */
  customerId?: string;
  /** Persona keys the app asserts explicitly. */
  personas: string[];
  /** Free attributes: evaluated against persona criteria and exposed to Liquid as `customer`. */
  attributes: CustomerAttributes;
  /** BCP 47 tag, e.g. `nl-BE`. */
  locale?: string;
  /** Channel keys the customer allows. */
  consents: string[];
  journeyStage?: JourneyStage;
  now: Date;
  /** Skip themes the customer already RESPONDED to or CONVERTED on (needs customerId). */
  excludeAnsweredThemes: boolean;
}

/** Attributes renderers understand; anything else passes through to Liquid untouched. */
export interface CustomerAttributes {
  firstName?: string;
  lastName?: string;
  /** Form of address, e.g. "heer", "mevrouw", "Mr", "Ms". */
  title?: string;
  address?: PostalAddress;
  [name: string]: unknown;
}

export interface PostalAddress {
  lines?: string[];
  postalCode?: string;
  city?: string;
  country?: string;
}
