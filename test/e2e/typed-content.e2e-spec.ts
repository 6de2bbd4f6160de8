import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

describe('typed GraphQL per content model', () => {
  let hub: TestApp;
  let delivery: string;

  beforeAll(async () => {
    hub = await createTestApp({ seed: true });
    delivery = await createKey(hub, 'DELIVERY');
  });
  afterAll(() => hub.close());

  const typeOf = async (name: string) =>
    (await gql(hub, 'query($name: String!) { __type(name: $name) { name kind fields { name type { kind name ofType { kind name ofType { kind name } } } } enumValues { name } } }', { name })).data!.__type;

  it('generates a type with typed fields, queries and mutations for every model', async () => {
    const message = await typeOf('MessageFields');
    const field = (name: string) => message.fields.find((candidate: { name: string }) => candidate.name === name).type;
    expect(field('headline')).toMatchObject({ kind: 'NON_NULL', ofType: { kind: 'SCALAR', name: 'String' } });
    expect(field('summary')).toMatchObject({ kind: 'SCALAR', name: 'String' });
    expect(field('callToAction')).toMatchObject({ kind: 'OBJECT', name: 'ContentLink' });
    expect(field('image')).toMatchObject({ kind: 'OBJECT', name: 'ContentImage' });
    expect(field('hashtags')).toMatchObject({ kind: 'LIST', ofType: { kind: 'NON_NULL', ofType: { name: 'String' } } });
    expect((await typeOf('ProductAnnouncementCategory')).enumValues.map((value: { name: string }) => value.name)).toEqual(['ACCESSORIES', 'APPAREL', 'SERVICE', 'SHOES']);
    const query = (await typeOf('Query')).fields.map((candidate: { name: string }) => candidate.name);
    expect(query).toEqual(expect.arrayContaining(['message', 'messages', 'productAnnouncement', 'productAnnouncements', 'contentItem', 'contentItems']));
    const mutation = (await typeOf('Mutation')).fields.map((candidate: { name: string }) => candidate.name);
    expect(mutation).toEqual(expect.arrayContaining(['createMessage', 'updateMessage', 'createProductAnnouncement', 'updateProductAnnouncement']));
  });

  it('reads items with typed fields, rendition URLs and field filters', async () => {
    const { data, errors } = await gql(hub, `{ messages(filter: { headline: { contains: "ZOMER" }, locale: "nl" }) { totalCount edges { node { id version status fields { headline callToAction { label url } image { id assetId url(profile: "email") } hashtags } } } } }`);
    expect(errors).toBeUndefined();
    expect(data!.messages.totalCount).toBe(1);
    const node = data!.messages.edges[0].node;
    expect(node.fields).toMatchObject({ headline: 'Zomer in beweging', callToAction: { label: 'Bekijk de actie', url: 'https://example.com/zomer' }, hashtags: expect.arrayContaining(['zomer']) });
    expect(node.fields.image.url).toMatch(new RegExp(`/assets/${node.fields.image.assetId}/email$`));
    expect(node.fields.image.id).toBe(node.fields.image.assetId);
    expect((await gql(hub, `{ messages(filter: { headline: { contains: "winter" } }) { totalCount } }`)).data!.messages.totalCount).toBe(0);
    const one = await gql(hub, 'query($id: ID!) { message(id: $id) { id fields { headline } } }', { id: node.id }, delivery);
    expect(one.data!.message.fields.headline).toBe('Zomer in beweging');
  });

  it('creates and updates through typed inputs, with enums, numbers and a merge patch', async () => {
    const create = `mutation($input: CreateProductAnnouncementInput!) { createProductAnnouncement(input: $input) { id version fields { productName category price launchDate } } }`;
    const { data, errors } = await gql(hub, create, {
      input: { slug: 'loper-3', locale: 'nl', fields: { productName: 'Loper 3', description: 'Nieuw model.', launchDate: '2027-06-01', category: 'SHOES', price: 129.95, tagline: 'Snel' } },
    });
    expect(errors).toBeUndefined();
    expect(data!.createProductAnnouncement.fields).toEqual({ productName: 'Loper 3', category: 'SHOES', price: 129.95, launchDate: '2027-06-01' });
    const id = data!.createProductAnnouncement.id;
    const page = async (filter: Record<string, unknown>) => (await gql(hub, 'query($filter: ProductAnnouncementFilter) { productAnnouncements(filter: $filter) { edges { node { id } } } }', { filter })).data!.productAnnouncements.edges.length;
    expect(await page({ price: { gt: 100 }, category: { eq: 'SHOES' } })).toBe(1);
    expect(await page({ price: { lt: 100 } })).toBe(0);
    expect(await page({ category: { in: ['APPAREL', 'SERVICE'] } })).toBe(0);

    const update = `mutation($id: ID!, $version: Int!, $input: UpdateProductAnnouncementInput!) { updateProductAnnouncement(id: $id, version: $version, input: $input) { version fields { price tagline productName } } }`;
    const updated = await gql(hub, update, { id, version: 1, input: { fields: { price: 99, tagline: null } } });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateProductAnnouncement).toEqual({ version: 2, fields: { price: 99, tagline: null, productName: 'Loper 3' } });
    expect(errorCode(await gql(hub, update, { id, version: 1, input: { fields: { price: 1 } } }))).toBe('CONFLICT');
  });

  it('lets the client learn its mistakes before anything runs, and refuses the wrong model or key', async () => {
    const wrongType = await gql(hub, `mutation { createProductAnnouncement(input: { slug: "x", locale: "nl", fields: { productName: "X", description: "Y", launchDate: "2027-06-01", price: "duur" } }) { id } }`);
    // Refused by GraphQL validation against the typed schema: nothing ran (an IDE marks it before sending).
    expect(wrongType.status).toBe(400);
    expect(wrongType.errors![0].message).toMatch(/Float/);
    const missing = await gql(hub, `mutation { createMessage(input: { slug: "x", locale: "nl", fields: { body: "Zonder kop" } }) { id } }`);
    expect(missing.status).toBe(400);
    expect(missing.errors![0].message).toMatch(/headline/);
    const announcement = (await gql(hub, '{ productAnnouncements(first: 1) { edges { node { id } } } }')).data!.productAnnouncements.edges[0].node.id;
    expect(errorCode(await gql(hub, 'query($id: ID!) { message(id: $id) { id } }', { id: announcement }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(hub, 'query { message(id: "not-an-id") { id } }'))).toBe('BAD_USER_INPUT');
    const byDelivery = await gql(hub, `mutation { createMessage(input: { slug: "x", locale: "nl", fields: { headline: "Kop", body: "Tekst" } }) { id } }`, {}, delivery);
    expect(errorCode(byDelivery)).toBe('FORBIDDEN');
    const tokenRefused = await gql(hub, `mutation { createMessage(input: { slug: "tokens", locale: "nl", fields: { headline: "Hoi {{ klant.naam }}", body: "Tekst" } }) { id } }`);
    expect(errorCode(tokenRefused)).toBe('BAD_USER_INPUT');
    expect(tokenRefused.errors![0].extensions!.path).toBe('input.fields.headline');
  });
});
