import fc from 'fast-check';
import { BadUserInputError } from '../errors/domain-errors';
import { decodeCursor, encodeCursor } from './cursor';

const ORDER = 'UPDATED_AT:DESC';

describe('page cursors', () => {
  it('round-trip any position', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(null), fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true })), fc.uuid(), (value, id) => {
        const position = { order: ORDER, value: Object.is(value, -0) ? 0 : value, id };
        expect(decodeCursor(encodeCursor(position), ORDER)).toEqual(position);
      }),
    );
  });

  it('refuse anything they did not hand out', () => {
    fc.assert(
      fc.property(fc.string(), (garbage) => {
        let decoded: ReturnType<typeof decodeCursor>;
        try {
          decoded = decodeCursor(garbage, ORDER);
        } catch (error) {
          expect(error).toBeInstanceOf(BadUserInputError);
          return;
        }
        // Accepted only when it is exactly a cursor the API itself would hand out.
        expect(encodeCursor(decoded)).toBe(garbage);
      }),
    );
    expect(() => decodeCursor(Buffer.from(`["${ORDER}","2027-01-01T00:00:00Z","1; DROP TABLE x"]`).toString('base64url'), ORDER)).toThrow(BadUserInputError);
  });

  it('refuse a cursor of another order, saying so', () => {
    const cursor = encodeCursor({ order: 'SLUG:ASC', value: 'zomer', id: '00000000-0000-4000-8000-000000000000' });
    expect(() => decodeCursor(cursor, ORDER)).toThrow(/another sort order/);
  });
});
