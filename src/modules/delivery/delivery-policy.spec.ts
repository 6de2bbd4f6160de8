import { BadUserInputError, ForbiddenError } from '../../common/errors/domain-errors';
import { Role } from '../auth/role.enum';
import { checkPreview, normalizeContext } from './delivery-policy';

const delivery = { keyId: 'k', name: 'app', role: Role.DELIVERY };
const preview = { keyId: 'p', name: 'editor', role: Role.PREVIEW };

describe('checkPreview', () => {
  it('lets PREVIEW keys preview and look ahead, and refuses both to DELIVERY keys', () => {
    const future = { now: new Date(Date.now() + 86_400_000) };
    expect(checkPreview({ preview: true, itemId: 'i' }, preview)).toBe(true);
    expect(checkPreview({ context: future }, preview)).toBe(false);
    expect(() => checkPreview({ preview: true }, delivery)).toThrow(ForbiddenError);
    expect(() => checkPreview({ context: future }, delivery)).toThrow(/may not set context.now in the future/);
    expect(() => checkPreview({ context: { now: new Date(Date.now() + 60_000) } }, delivery)).not.toThrow();
    expect(() => checkPreview({ revision: 2, itemId: 'i' }, preview)).toThrow(BadUserInputError);
  });
});

describe('normalizeContext', () => {
  it('fills defaults and normalises the locale', () => {
    const context = normalizeContext({ locale: 'nl_be' } as never);
    expect(context).toMatchObject({ personas: [], attributes: {}, consents: [], locale: 'nl-BE' });
    expect(context.now).toBeInstanceOf(Date);
  });

  it('refuses attributes that are too big or too deep', () => {
    expect(() => normalizeContext({ attributes: { firstName: 'x'.repeat(20_000) } } as never)).toThrow(/the limit is 16384/);
    let deep: Record<string, unknown> = {};
    for (let level = 0; level < 12; level += 1) deep = { level: deep };
    expect(() => normalizeContext({ attributes: deep } as never)).toThrow(/nested more than 8 levels/);
  });
});
