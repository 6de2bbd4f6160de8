import { rememberPerObject } from './remember-per-object';

describe('rememberPerObject', () => {
  it('computes once per object, falsy answers included, and anew for another object', () => {
    let computed = 0;
    const isEmpty = rememberPerObject((list: string[]) => ((computed += 1), list.length === 0));
    const list = ['a'];
    expect(isEmpty(list)).toBe(false);
    expect(isEmpty(list)).toBe(false);
    expect(computed).toBe(1);
    expect(isEmpty([])).toBe(true);
    expect(computed).toBe(2);
  });
});
