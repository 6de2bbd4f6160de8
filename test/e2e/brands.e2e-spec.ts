import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const BRAND_FIELDS = 'id theme locale name senderLines returnAddress emailFooter legal unsubscribeText version updatedBy';
const UPSERT = `mutation($input: UpsertBrandInput!) { upsertBrand(input: $input) { ${BRAND_FIELDS} } }`;
const RENDER = `query($itemId: ID!, $channel: String!) { personalize(input: { itemId: $itemId, channel: $channel, preview: true,
  context: { locale: "nl", consents: ["letter", "email"], attributes: { title: "heer", firstName: "Jan", lastName: "De Vries", address: { lines: ["Keizersgracht 1"], postalCode: "1015 CJ", city: "Amsterdam" } } } })
  { text warnings ... on LetterVariant { html } ... on EmailVariant { html fromName } } }`;

describe('brand settings instead of code', () => {
  let hub: TestApp;
  let dutchId: string;
  let englishId: string;

  beforeAll(async () => {
    hub = await createTestApp({ seed: true });
    const items = (await gql(hub, '{ contentItems(filter: { theme: "zomeractie" }) { edges { node { id locale } } } }')).data!.contentItems.edges.map((edge: { node: { id: string; locale: string } }) => edge.node);
    dutchId = items.find((item: { locale: string }) => item.locale === 'nl').id;
    englishId = items.find((item: { locale: string }) => item.locale === 'en').id;
  });
  afterAll(() => hub.close());

  const render = async (itemId: string, channel: string) => {
    const { data, errors } = await gql(hub, RENDER, { itemId, channel });
    expect(errors).toBeUndefined();
    return data!.personalize;
  };

  it("prints the demo brand on letters and emails, and the letter's call to action with a QR code", async () => {
    const brands = (await gql(hub, `{ brands { ${BRAND_FIELDS} } }`, {}, await createKey(hub, 'PREVIEW'))).data!.brands;
    expect(brands).toEqual([expect.objectContaining({ theme: null, locale: null, name: 'Loopwerk', version: 1, updatedBy: 'demo-seed' })]);
    const letter = await render(dutchId, 'letter');
    expect(letter.html).toContain('Postbus 123');
    expect(letter.html).toContain('KvK 12345678');
    expect(letter.html).toMatch(/<div class="cta"><p><strong>Bekijk de actie<\/strong><br>https:\/\/example\.com\/zomer<\/p><div class="qr"/);
    expect(letter.text).toContain('Bekijk de actie: https://example.com/zomer');
    const email = await render(dutchId, 'email');
    expect(email.html).toContain('Loopwerk B.V. · Postbus 123 · 1000 AB Amsterdam');
    expect(email.fromName).toBe('Loopwerk');
    expect(email.text).toContain('KvK 12345678');
  });

  it('uses the most specific brand for the theme and locale, from the next rendering on', async () => {
    const { data, errors } = await gql(hub, UPSERT, {
      input: { theme: 'zomeractie', locale: 'en', name: 'Loopwerk UK', senderLines: ['Loopwerk UK', 'PO Box 42', 'London N1 9GU'], emailFooter: 'Loopwerk UK Ltd', unsubscribeText: 'Stop these emails' },
    });
    expect(errors).toBeUndefined();
    expect(data!.upsertBrand).toMatchObject({ theme: 'zomeractie', locale: 'en', version: 1 });
    const english = await render(englishId, 'email');
    expect(english.html).toContain('Loopwerk UK Ltd');
    expect(english.html).toContain('Stop these emails');
    expect(english.fromName).toBe('Loopwerk UK');
    expect((await render(dutchId, 'email')).html).toContain('Loopwerk B.V.');

    const stale = await gql(hub, UPSERT, { input: { theme: 'zomeractie', locale: 'en', name: 'Loopwerk UK', senderLines: ['x'], version: 0 } });
    expect(errorCode(stale)).toBe('CONFLICT');
    const updated = await gql(hub, UPSERT, { input: { theme: 'zomeractie', locale: 'en', name: 'Loopwerk UK', senderLines: ['Loopwerk UK'], emailFooter: 'Loopwerk UK Limited', version: 1 } });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.upsertBrand.version).toBe(2);
    expect((await render(englishId, 'email')).html).toContain('Loopwerk UK Limited');

    expect((await gql(hub, 'mutation { deleteBrand(theme: "zomeractie", locale: "en", version: 2) { name } }')).errors).toBeUndefined();
    expect((await render(englishId, 'email')).html).toContain('Loopwerk B.V.');
  });

  it('refuses a token in brand text, an existing brand without its version, and an editor-less key', async () => {
    const withToken = await gql(hub, UPSERT, { input: { theme: 'winter', name: 'Loopwerk', senderLines: ['Beste {{ customer.firstName }}'] } });
    expect(errorCode(withToken)).toBe('BAD_USER_INPUT');
    expect(withToken.errors![0].extensions!.path).toBe('input.senderLines[0]');
    expect(errorCode(await gql(hub, UPSERT, { input: { name: 'Ander', senderLines: [] } }))).toBe('CONFLICT');
    expect(errorCode(await gql(hub, UPSERT, { input: { name: 'Ander', senderLines: [] } }, await createKey(hub, 'PREVIEW')))).toBe('FORBIDDEN');
    expect(errorCode(await gql(hub, 'mutation { deleteBrand(theme: "nergens", version: 1) { name } }'))).toBe('NOT_FOUND');
  });
});
