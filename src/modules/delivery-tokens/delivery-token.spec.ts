import fc from 'fast-check';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { DeliveryClaims, DeliveryTokenCodec } from './delivery-token';

const claims: DeliveryClaims = {
  itemId: '00000000-0000-4000-8000-000000000001',
  itemVersion: 3,
  variantId: null,
  experiment: 'zomer-tweet',
  arm: 'B',
  channel: 'tweet',
  locale: 'nl',
  personas: ['sportieve-sanne'],
  customerId: 'c-42',
  theme: 'zomeractie',
  issuedAt: 1_800_000_000,
};

describe('DeliveryTokenCodec', () => {
  const codec = new DeliveryTokenCodec(['een-geheim-van-minstens-32-tekens!!']);

  it('signs claims into a compact token and reads them back', () => {
    const token = codec.sign(claims);
    expect(token).toMatch(/^dt1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(token.length).toBeLessThan(260);
    expect(codec.verify(token)).toEqual(claims);
  });

  it('refuses a token with any character changed', () => {
    const token = codec.sign(claims);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: token.length - 1 }), fc.constantFrom(...'AbZ09_-xBCDQghw'), (index, replacement) => {
        const tampered = token.slice(0, index) + replacement + token.slice(index + 1);
        if (tampered === token) return;
        expect(() => codec.verify(tampered)).toThrow(BadUserInputError);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses tokens of another hub and garbage', () => {
    const foreign = new DeliveryTokenCodec(['een-ander-geheim-van-minstens-32-tekens']).sign(claims);
    expect(() => codec.verify(foreign)).toThrow(/not issued by this hub/);
    for (const garbage of ['', 'dt1', 'dt1.x.y.z', 'a.b.c.d.e']) expect(() => codec.verify(garbage)).toThrow(BadUserInputError);
  });

  it('still verifies tokens signed with a rotated-out secret, and signs with the new one', () => {
    const old = new DeliveryTokenCodec(['het-oude-geheim-van-minstens-32-tekens']);
    const rotated = new DeliveryTokenCodec(['het-nieuwe-geheim-van-minstens-32-tekens', 'het-oude-geheim-van-minstens-32-tekens']);
    expect(rotated.verify(old.sign(claims))).toEqual(claims);
    expect(() => old.verify(rotated.sign(claims))).toThrow(/not issued by this hub/);
  });
});
