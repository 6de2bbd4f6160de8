import { Brand } from '../channels/brand';

/** A brand as stored: who messages of a theme and locale (null: any) come from. */
export interface BrandRecord extends Brand {
  id: string;
  theme: string | null;
  locale: string | null;
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

export type BrandValues = Brand & Pick<BrandRecord, 'theme' | 'locale'>;
