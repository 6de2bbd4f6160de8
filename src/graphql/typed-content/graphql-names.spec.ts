import { enumValueNameOf, fieldNameOf, freeName, pluralOf, typeNameOf } from './graphql-names';

describe('GraphQL names of content models', () => {
  it.each([
    ['message', 'Message'],
    ['product-announcement', 'ProductAnnouncement'],
    ['news_item', 'NewsItem'],
    ['3d-model', '_3dModel'],
  ])('type %s → %s', (key, name) => expect(typeNameOf(key)).toBe(name));

  it.each([
    ['headline', 'headline'],
    ['launchDate', 'launchDate'],
    ['call-to-action', 'callToAction'],
    ['Hero image', 'heroImage'],
    ['2nd-line', '_2ndLine'],
  ])('field %s → %s', (key, name) => expect(fieldNameOf(key)).toBe(name));

  it.each([
    ['shoes', 'SHOES'],
    ['e-bike', 'E_BIKE'],
    ['2-pack', '_2_PACK'],
    ['true', 'TRUE_'],
  ])('enum value %s → %s', (value, name) => expect(enumValueNameOf(value)).toBe(name));

  it('pluralises the page query and steps aside for names the schema has', () => {
    expect([pluralOf('message'), pluralOf('productAnnouncement'), pluralOf('story'), pluralOf('box')]).toEqual(['messages', 'productAnnouncements', 'stories', 'boxes']);
    const taken = new Set(['Asset', 'AssetContent']);
    expect(freeName('Asset', (name) => taken.has(name))).toBe('AssetContent2');
    expect(freeName('Message', (name) => taken.has(name))).toBe('Message');
  });
});
