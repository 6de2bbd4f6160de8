import { selectorKey } from './selector-key';

describe('selectorKey', () => {
  it('is the same for the same selector written in any order', () => {
    expect(selectorKey({ theme: 'zomer', tags: ['b', 'a'] })).toBe(selectorKey({ tags: ['a', 'b'], theme: 'zomer', purpose: undefined }));
  });

  it('tells apart selectors that differ in any field, including fields it was never told about', () => {
    expect(selectorKey({ theme: 'zomer' })).not.toBe(selectorKey({ theme: 'zomer', purpose: 'MOTIVATE' }));
    expect(selectorKey({ theme: 'zomer' })).not.toBe(selectorKey({ theme: 'zomer', someFutureField: 'x' }));
  });
});
