import fc from 'fast-check';
import { approximateBytes } from './approximate-size';

describe('approximateBytes', () => {
  it('grows with the text a value holds', () => {
    expect(approximateBytes({ headline: 'x'.repeat(10_000) })).toBeGreaterThan(20_000);
    expect(approximateBytes({ headline: 'x' })).toBeLessThan(200);
    expect(approximateBytes([Buffer.alloc(50_000)])).toBeGreaterThan(50_000);
  });

  it('is monotone: adding a property never makes a value lighter', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), fc.jsonValue(), (object, key, value) => {
        fc.pre(!(key in object));
        expect(approximateBytes({ ...object, [key]: value })).toBeGreaterThan(approximateBytes(object));
      }),
    );
  });

  it('counts a shared or circular object once and terminates', () => {
    const shared = { text: 'y'.repeat(1_000) };
    const circular: Record<string, unknown> = { shared };
    circular.self = circular;
    expect(approximateBytes([shared, shared])).toBeLessThan(2 * approximateBytes(shared));
    expect(approximateBytes(circular)).toBeGreaterThan(approximateBytes(shared));
  });
});
