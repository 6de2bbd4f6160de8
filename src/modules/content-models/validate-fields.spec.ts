import * as path from 'node:path';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { loadContentModels } from './content-model-loader';
import { collectViolations, validateFields } from './validate-fields';

const models = loadContentModels(path.resolve(__dirname, '../../../content-models'));
const message = models.find((model) => model.key === 'message')!;
const announcement = models.find((model) => model.key === 'product-announcement')!;

describe('validateFields', () => {
  it('accepts a complete message', () => {
    const fields = {
      headline: 'Zomer',
      body: 'Tekst',
      callToAction: { label: 'Ga', url: 'https://example.com' },
      image: { url: 'https://example.com/a.jpg', alt: 'Een loper' },
      hashtags: ['zomer', 'hardlopen_2027'],
    };
    expect(validateFields(message, fields)).toBe(fields);
  });

  it('reports every violation with its path, and names the first in the message', () => {
    const violations = collectViolations(message, { headline: 1, body: '', extra: true, hashtags: 'zomer' }, 'input.fields');
    expect(violations.map((violation) => violation.path)).toEqual(['input.fields.extra', 'input.fields.headline', 'input.fields.body', 'input.fields.hashtags']);
    expect(() => validateFields(message, { headline: 1, body: 'x' }, 'input.fields')).toThrow(BadUserInputError);
  });

  it.each([
    [{ launchDate: 'next week' }, 'fields.launchDate'],
    [{ price: -1 }, 'fields.price'],
    [{ price: '12' }, 'fields.price'],
    [{ category: 'food' }, 'fields.category'],
    [{ related: ['not-a-uuid'] }, 'fields.related[0]'],
    [{ heroImage: { assetId: 'x' } }, 'fields.heroImage.assetId'],
    [{ heroImage: {} }, 'fields.heroImage'],
    [{ productPage: { label: 'Kijk', url: 'data:text/html,<script>' } }, 'fields.productPage.url'],
  ])('refuses %j at %s', (fields, path) => {
    const base = { productName: 'Schoen', description: 'Tekst', launchDate: '2027-06-01' };
    const violations = collectViolations(announcement, { ...base, ...fields });
    expect(violations[0]?.path).toBe(path);
  });

  it('counts characters, not UTF-16 units, against maxLength', () => {
    expect(collectViolations(message, { headline: '🏃'.repeat(120), body: 'x' })).toEqual([]);
    expect(collectViolations(message, { headline: '🏃'.repeat(121), body: 'x' })[0].path).toBe('fields.headline');
  });
});
