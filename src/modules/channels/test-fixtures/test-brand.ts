import { Brand } from '../brand';

/** The demo's brand, as renderer tests and golden renderings use it. */
export const LOOPWERK_BRAND: Brand = {
  name: 'Loopwerk',
  senderLines: ['Loopwerk', 'Postbus 123', '1000 AB Amsterdam'],
  returnAddress: null,
  emailFooter: null,
  legal: null,
  unsubscribeText: null,
};
