import { createItem, publishItem } from '../factories/content.factory';
import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const ITEM = 'id slug locale familyId status version fields metadata { theme channels }';
const CREATE_TRANSLATION = `mutation($itemId: ID!, $locale: String!, $fields: JSONObject!) { createTranslation(itemId: $itemId, locale: $locale, fields: $fields) { ${ITEM} } }`;
const TRANSLATIONS = `query($id: ID!) { contentItem(id: $id) { familyId translations { id locale status } } }`;
const PERSONALIZE = `query($input: PersonalizeInput!) { personalize(input: $input) { itemId locale explanation { locale localeFallback } } }`;
const GERMAN = { headline: 'Sommer in Bewegung', summary: 'Zwei Wochen 20 % Rabatt', body: 'Es ist **Sommer**.', callToAction: { label: 'Zur Aktion', url: 'https://example.com/sommer' } };

describe('translations as one family', () => {
  let hub: TestApp;
  let dutch: { id: string; familyId: string; fields: Record<string, unknown> };
  let englishId: string;
  let delivery: string;

  beforeAll(async () => {
    hub = await createTestApp({ seed: true });
    delivery = await createKey(hub, 'DELIVERY');
    const items = (await gql(hub, `{ contentItems(filter: { theme: "zomeractie" }) { edges { node { ${ITEM} } } } }`)).data!.contentItems.edges.map((edge: { node: any }) => edge.node);
    dutch = items.find((item: { locale: string }) => item.locale === 'nl');
    englishId = items.find((item: { locale: string }) => item.locale === 'en').id;
  });
  afterAll(() => hub.close());

  const serve = async (locale: string, key = delivery) => {
    const { data, errors } = await gql(hub, PERSONALIZE, { input: { itemId: dutch.id, channel: 'sms', context: { locale, consents: ['sms'] } } }, key);
    expect(errors).toBeUndefined();
    return data!.personalize;
  };

  it('knows the demo message in nl and en as one family', async () => {
    const { data } = await gql(hub, TRANSLATIONS, { id: dutch.id });
    expect(data!.contentItem.familyId).toBe(dutch.familyId);
    expect(data!.contentItem.translations).toEqual([{ id: englishId, locale: 'en', status: 'PUBLISHED' }]);
  });

  it('serves a message asked for by id in the customer’s locale, falling back along the chain', async () => {
    expect(await serve('en-GB')).toMatchObject({ itemId: englishId, locale: 'en', explanation: { localeFallback: 'en-GB → en' } });
    expect(await serve('nl-BE')).toMatchObject({ itemId: dutch.id, locale: 'nl' });
    expect(await serve('de')).toMatchObject({ itemId: englishId, locale: 'en', explanation: { localeFallback: 'de → en' } });
  });

  it('creates a translation as a draft of the same message, taking what the model does not localize from the source', async () => {
    const { data, errors } = await gql(hub, CREATE_TRANSLATION, { itemId: dutch.id, locale: 'de', fields: GERMAN });
    expect(errors).toBeUndefined();
    const german = data!.createTranslation;
    expect(german).toMatchObject({ locale: 'de', status: 'DRAFT', version: 1, familyId: dutch.familyId, metadata: { theme: 'zomeractie' } });
    expect(german.fields.image).toEqual(dutch.fields.image);
    expect(german.fields.headline).toBe('Sommer in Bewegung');
    expect((await gql(hub, TRANSLATIONS, { id: englishId })).data!.contentItem.translations.map((item: { locale: string }) => item.locale).sort()).toEqual(['de', 'nl']);
    // A DELIVERY key sees only what is live.
    expect((await gql(hub, TRANSLATIONS, { id: englishId }, delivery)).data!.contentItem.translations.map((item: { locale: string }) => item.locale)).toEqual(['nl']);
    expect(await serve('de')).toMatchObject({ itemId: englishId });
    await publishItem(hub, german);
    expect(await serve('de')).toMatchObject({ itemId: german.id, locale: 'de', explanation: { localeFallback: null } });

    expect(errorCode(await gql(hub, CREATE_TRANSLATION, { itemId: dutch.id, locale: 'de', fields: GERMAN }))).toBe('CONFLICT');
    expect(errorCode(await gql(hub, CREATE_TRANSLATION, { itemId: dutch.id, locale: 'nl', fields: GERMAN }))).toBe('BAD_USER_INPUT');
    const broken = await gql(hub, CREATE_TRANSLATION, { itemId: dutch.id, locale: 'fr', fields: { ...GERMAN, headline: 'Été {{ client.nom }}' } });
    expect(errorCode(broken)).toBe('BAD_USER_INPUT');
    expect(broken.errors![0].extensions!.path).toBe('fields.headline');
    expect(errorCode(await gql(hub, CREATE_TRANSLATION, { itemId: dutch.id, locale: 'fr', fields: { body: 'Été' } }))).toBe('BAD_USER_INPUT');
  });

  it('lists what still has to be translated', async () => {
    const lone = await createItem(hub, { metadata: { theme: 'zomeractie' } });
    const { data, errors } = await gql(hub, 'query($locales: [String!]!) { missingTranslations(theme: "zomeractie", locales: $locales) { itemId slug missing } }', { locales: ['nl', 'en', 'de', 'fr'] });
    expect(errors).toBeUndefined();
    expect(data!.missingTranslations).toEqual(
      expect.arrayContaining([
        { itemId: dutch.id, slug: 'zomeractie-2027', missing: ['fr'] },
        { itemId: lone.id, slug: lone.slug, missing: ['en', 'de', 'fr'] },
      ]),
    );
    expect(errorCode(await gql(hub, 'query { missingTranslations(theme: "zomeractie", locales: ["not a locale"]) { itemId } }'))).toBe('BAD_USER_INPUT');
  });

  it('archives one locale alone, or the whole family when asked', async () => {
    const source = await publishItem(hub, await createItem(hub, { metadata: { theme: 'herfst' } }));
    const french = (await gql(hub, CREATE_TRANSLATION, { itemId: source.id, locale: 'fr', fields: { headline: 'Automne', body: 'Il fait frais.' } })).data!.createTranslation;
    const english = (await gql(hub, CREATE_TRANSLATION, { itemId: source.id, locale: 'en', fields: { headline: 'Autumn', body: 'It is getting cold.' } })).data!.createTranslation;
    const archive = 'mutation($id: ID!, $version: Int!, $all: Boolean) { archiveContentItem(id: $id, version: $version, withTranslations: $all) { id status } }';
    expect((await gql(hub, archive, { id: french.id, version: french.version })).data!.archiveContentItem.status).toBe('ARCHIVED');
    const status = async (id: string) => (await gql(hub, 'query($id: ID!) { contentItem(id: $id) { status } }', { id })).data!.contentItem.status;
    expect(await status(source.id)).toBe('PUBLISHED');
    expect(await status(english.id)).toBe('DRAFT');
    expect((await gql(hub, archive, { id: source.id, version: source.version, all: true })).errors).toBeUndefined();
    expect([await status(source.id), await status(english.id), await status(french.id)]).toEqual(['ARCHIVED', 'ARCHIVED', 'ARCHIVED']);
  });
});
