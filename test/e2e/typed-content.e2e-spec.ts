import { Client } from 'pg';
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
    for (const typeName of ['Message', 'MessageFields']) {
      const message = await typeOf(typeName);
      const field = (name: string) => message.fields.find((candidate: { name: string }) => candidate.name === name).type;
      // Nullable although the model requires it: an item stored before the model changed may lack it.
      expect(field('headline')).toMatchObject({ kind: 'SCALAR', name: 'String' });
      expect(field('summary')).toMatchObject({ kind: 'SCALAR', name: 'String' });
      expect(field('callToAction')).toMatchObject({ kind: 'OBJECT', name: 'ContentLink' });
      expect(field('image')).toMatchObject({ kind: 'OBJECT', name: 'ContentImage' });
      expect(field('hashtags')).toMatchObject({ kind: 'LIST', ofType: { kind: 'NON_NULL', ofType: { name: 'String' } } });
    }
    const messageFields = (await typeOf('Message')).fields.map((candidate: { name: string }) => candidate.name);
    expect(messageFields).toEqual(expect.arrayContaining(['id', 'version', 'status', 'locale', 'metadata', 'fields', 'headline', 'callToAction', 'image']));
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
    const one = await gql(hub, 'query($id: ID!) { message(id: $id) { id headline callToAction { label url } image { url(profile: "email") } fields { headline } } }', { id: node.id }, delivery);
    expect(one.errors).toBeUndefined();
    expect(one.data!.message).toMatchObject({ headline: 'Zomer in beweging', callToAction: node.fields.callToAction, image: { url: node.fields.image.url }, fields: { headline: 'Zomer in beweging' } });
  });

  it('answers an item stored before its model required a field with null there, and the rest of the page intact', async () => {
    const create = `mutation($input: CreateMessageInput!) { createMessage(input: $input) { id } }`;
    const ids: string[] = [];
    for (const slug of ['oud-1', 'oud-2']) ids.push((await gql(hub, create, { input: { slug, locale: 'fr', fields: { headline: `Titre ${slug}`, body: 'Texte' } } })).data!.createMessage.id);
    // As if the item had been saved when `headline` was not yet required.
    const db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE content_items SET fields = fields - 'headline' WHERE id = $1`, [ids[0]]);
    } finally {
      await db.end();
    }
    const { data, errors } = await gql(hub, '{ messages(filter: { locale: "fr" }, sort: { by: SLUG, direction: ASC }) { edges { node { id headline fields { headline body } } } } }');
    expect(errors).toBeUndefined();
    expect(data!.messages.edges.map((edge: any) => edge.node)).toEqual([
      { id: ids[0], headline: null, fields: { headline: null, body: 'Texte' } },
      { id: ids[1], headline: 'Titre oud-2', fields: { headline: 'Titre oud-2', body: 'Texte' } },
    ]);
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

  it('sorts by a number field, items without it last, and pages through it', async () => {
    const create = `mutation($input: CreateProductAnnouncementInput!) { createProductAnnouncement(input: $input) { id } }`;
    const prices = [30, null, 5.5, 30, 120, null];
    const ids = [];
    for (const [index, price] of prices.entries()) {
      const input = { slug: `prijs-${index}`, locale: 'nl', fields: { productName: `Prijs ${index}`, description: 'Prijzig.', launchDate: '2027-06-01', category: 'SERVICE', ...(price === null ? {} : { price }) } };
      ids.push((await gql(hub, create, { input })).data!.createProductAnnouncement.id);
    }
    const pageQuery = `query($after: String, $direction: SortDirection!) {
      productAnnouncements(filter: { category: { eq: SERVICE } }, sort: { by: PRICE, direction: $direction }, first: 2, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id fields { price } } } }
    }`;
    for (const direction of ['ASC', 'DESC']) {
      const seen: { id: string; fields: { price: number | null } }[] = [];
      let after: string | null = null;
      do {
        const page: any = await gql(hub, pageQuery, { after, direction });
        expect(page.errors).toBeUndefined();
        seen.push(...page.data.productAnnouncements.edges.map((edge: any) => edge.node));
        after = page.data.productAnnouncements.pageInfo.hasNextPage ? page.data.productAnnouncements.pageInfo.endCursor : null;
      } while (after);
      const priced = prices.filter((price): price is number => price !== null).sort((a, b) => (direction === 'ASC' ? a - b : b - a));
      expect(seen.map((node) => node.fields.price)).toEqual([...priced, null, null]);
      expect(new Set(seen.map((node) => node.id))).toEqual(new Set(ids));
    }
    const enumValues = (await typeOf('ProductAnnouncementSortKey')).enumValues.map((value: { name: string }) => value.name);
    expect(enumValues).toEqual(expect.arrayContaining(['UPDATED_AT', 'CREATED_AT', 'SLUG', 'PRIORITY', 'PRODUCT_NAME', 'LAUNCH_DATE', 'PRICE', 'CATEGORY']));
    expect(enumValues).not.toContain('HERO_IMAGE');
  });

  it('finds a substring of one field only, case-insensitively, with wildcards and quotes taken literally', async () => {
    const create = `mutation($input: CreateMessageInput!) { createMessage(input: $input) { id } }`;
    const texts = ['Korting: 100% echt', 'Korting 1000 echt', 'De "beste" schoen', 'Zeppelin ZOMERVLUCHT'];
    for (const [index, headline] of texts.entries()) {
      const result = await gql(hub, create, { input: { slug: `zoek-${index}`, locale: 'de', fields: { headline, body: index === 1 ? 'Alleen hier: luchtballon' : 'Tekst' } } });
      expect(result.errors).toBeUndefined();
    }
    const found = async (contains: string) =>
      (await gql(hub, 'query($contains: String) { messages(filter: { locale: "de", headline: { contains: $contains } }, sort: { by: HEADLINE, direction: ASC }) { edges { node { fields { headline } } } } }', { contains })).data!.messages.edges.map((edge: any) => edge.node.fields.headline);
    expect(await found('100%')).toEqual(['Korting: 100% echt']);
    expect(await found('0_0')).toEqual([]);
    expect(await found('"beste"')).toEqual(['De "beste" schoen']);
    expect(await found('zomervlucht')).toEqual(['Zeppelin ZOMERVLUCHT']);
    expect(await found('ko')).toEqual(['Korting 1000 echt', 'Korting: 100% echt']);
    // In the body of one item, not in any headline.
    expect(await found('luchtballon')).toEqual([]);
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
