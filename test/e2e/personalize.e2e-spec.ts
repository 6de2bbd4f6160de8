import { createItem, createPublishedItem } from '../factories/content.factory';
import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const VARIANT_FIELDS = `__typename channel itemId itemVersion locale variantId text warnings metrics { name value limit }
  explanation { personas personaMatches { persona via } locale localeFallback experiment arm channelReason winnerScore runnerUpScore reason }
  ... on TweetVariant { weightedLength } ... on EmailVariant { subject preheader html } ... on LetterVariant { pdfBase64 html pageCount }
  ... on InAppVariant { title body ctaLabel ctaUrl imageUrl } ... on SmsVariant { segments encoding }`;
const PERSONALIZE = `query($input: PersonalizeInput!) { personalize(input: $input) { ${VARIANT_FIELDS} } }`;
const RENDER_ALL = `query($itemId: ID!, $context: CustomerContextInput!, $preview: Boolean) { renderAll(itemId: $itemId, context: $context, preview: $preview) { ${VARIANT_FIELDS} } }`;
const ALL_CHANNELS = ['tweet', 'email', 'inApp', 'letter', 'sms'];
const sanne = { customerId: 'c-42', locale: 'nl-BE', attributes: { firstName: 'Sanne', age: 34, interests: ['running'] }, consents: ALL_CHANNELS };
const deVries = {
  customerId: 'c-7',
  locale: 'nl',
  attributes: { title: 'heer', firstName: 'Jan', lastName: 'De Vries', age: 67, address: { lines: ['Keizersgracht 1'], postalCode: '1015 CJ', city: 'Amsterdam' } },
  consents: ALL_CHANNELS,
};

describe('personalize', () => {
  let hub: TestApp;
  let dutchId: string;
  let delivery: string;

  beforeAll(async () => {
    hub = await createTestApp({ seed: true });
    const { data } = await gql(hub, '{ contentItems(filter: { theme: "zomeractie", locale: "nl" }) { edges { node { id } } } }');
    dutchId = data!.contentItems.edges[0].node.id;
    delivery = await createKey(hub, 'DELIVERY');
  });
  afterAll(() => hub.close());

  it("picks Sanne's preferred consented channel and explains persona, locale fallback and channel", async () => {
    const { data, errors } = await gql(hub, PERSONALIZE, { input: { itemId: dutchId, context: sanne } }, delivery);
    expect(errors).toBeUndefined();
    const variant = data!.personalize;
    expect(variant).toMatchObject({ __typename: 'InAppVariant', channel: 'inApp', locale: 'nl', title: 'Zomer in beweging', ctaUrl: 'https://example.com/zomer' });
    expect(variant.body).toContain('Sanne');
    expect(variant.explanation).toMatchObject({ personas: ['sportieve-sanne'], locale: 'nl', localeFallback: 'nl-BE → nl' });
    expect(variant.explanation.personaMatches[0].via).toMatch(/age ≥ 25/);
    expect(variant.explanation.channelReason).toMatch(/persona sportieve-sanne/);
  });

  it('serves the hand-written tweet experiment, the same arm for the same customer every time', async () => {
    const arms = new Set<string>();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const { data } = await gql(hub, PERSONALIZE, { input: { itemId: dutchId, channel: 'tweet', context: sanne } }, delivery);
      expect(data!.personalize.variantId).not.toBeNull();
      expect(data!.personalize.explanation.experiment).toBe('zomer-tweet');
      expect(data!.personalize.weightedLength).toBeLessThanOrEqual(280);
      arms.add(data!.personalize.explanation.arm);
    }
    expect(arms.size).toBe(1);
    const seen = new Set<string>();
    for (let customer = 0; customer < 40; customer += 1) {
      const { data } = await gql(hub, PERSONALIZE, { input: { itemId: dutchId, channel: 'tweet', context: { ...sanne, customerId: `klant-${customer}` } } }, delivery);
      seen.add(data!.personalize.explanation.arm);
    }
    expect(seen).toEqual(new Set(['A', 'B']));
  });

  it('writes Meneer De Vries a formal letter with his address, and a formal email with his own subject', async () => {
    const letter = await gql(hub, PERSONALIZE, { input: { itemId: dutchId, channel: 'letter', context: deVries } }, delivery);
    expect(letter.errors).toBeUndefined();
    expect(Buffer.from(letter.data!.personalize.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(letter.data!.personalize.html).toContain('Geachte heer De Vries,');
    expect(letter.data!.personalize.text).toContain('Keizersgracht 1');
    const email = await gql(hub, PERSONALIZE, { input: { itemId: dutchId, channel: 'email', context: deVries } }, delivery);
    expect(email.data!.personalize).toMatchObject({ __typename: 'EmailVariant', subject: 'Uw zomervoordeel: 20% korting op hardloopschoenen' });
    expect(email.data!.personalize.html).toContain('Geachte heer De Vries,');
    const preferred = await gql(hub, PERSONALIZE, { input: { itemId: dutchId, context: deVries } }, delivery);
    expect(preferred.data!.personalize.channel).toBe('letter');
  });

  it('says so when the context names a persona the hub does not have', async () => {
    const { data } = await gql(hub, PERSONALIZE, { input: { itemId: dutchId, channel: 'sms', context: { ...sanne, personas: ['spook'] } } }, delivery);
    expect(data!.personalize.warnings).toContain('The context names persona "spook", which the hub does not have; it was ignored');
  });

  it('chooses by selector in the locale chain', async () => {
    const { data } = await gql(hub, PERSONALIZE, { input: { selector: { theme: 'zomeractie' }, channel: 'sms', context: { ...sanne, locale: 'en-GB' } } }, delivery);
    expect(data!.personalize).toMatchObject({ __typename: 'SmsVariant', locale: 'en', encoding: 'GSM-7', segments: 1 });
    expect(data!.personalize.text).toMatch(/^Summer in motion/);
    expect(data!.personalize.explanation.localeFallback).toBe('en-GB → en');
  });

  it('never sends on a channel the customer refused', async () => {
    const refused = await gql(hub, PERSONALIZE, { input: { itemId: dutchId, channel: 'sms', context: { ...sanne, consents: ['email'] } } }, delivery);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].message).toMatch(/not consented to sms/);
    const none = await gql(hub, PERSONALIZE, { input: { itemId: dutchId, context: { ...sanne, consents: [] } } }, delivery);
    expect(errorCode(none)).toBe('BAD_USER_INPUT');
    expect(none.errors![0].message).toMatch(/consented to none/);
  });

  it('answers NOT_FOUND when nothing fits, saying why', async () => {
    const expired = await createPublishedItem(hub, { metadata: { validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' } });
    const result = await gql(hub, PERSONALIZE, { input: { itemId: expired.id, channel: 'sms', context: sanne } }, delivery);
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(result.errors![0].message).toMatch(/is not valid at this moment/);
    expect(result.errors![0].message).not.toMatch(/2021/);
    const nothing = await gql(hub, PERSONALIZE, { input: { selector: { theme: 'bestaat-niet' }, context: sanne } }, delivery);
    expect(errorCode(nothing)).toBe('NOT_FOUND');
    expect(nothing.errors![0].message).toMatch(/no message has these selector values/);
  });

  it('says in a selector NOT_FOUND why each considered candidate was excluded', async () => {
    const theme = `uitgesloten-${Date.now()}`;
    await createPublishedItem(hub, { locale: 'de', metadata: { theme } });
    await createPublishedItem(hub, { metadata: { theme, personaTags: ['meneer-de-vries'] } });
    await createPublishedItem(hub, { metadata: { theme, personaTags: ['meneer-de-vries'] } });
    const result = await gql(hub, PERSONALIZE, { input: { selector: { theme }, channel: 'sms', context: { ...sanne, attributes: { age: 34 } } } }, delivery);
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(result.errors![0].message).toMatch(/of 3 candidates, 2 for personas the customer doesn't match \(meneer-de-vries\), 1 in a locale outside the chain \(de\)/);
  });

  it('warns when an attribute has the wrong type for a persona, and when the context names an unknown persona', async () => {
    const result = await gql(hub, PERSONALIZE, { input: { itemId: dutchId, channel: 'sms', context: { ...sanne, personas: ['bestaat-niet'], attributes: { ...sanne.attributes, age: '34' } } } }, delivery);
    expect(result.errors).toBeUndefined();
    const warnings: string[] = result.data!.personalize.warnings;
    expect(warnings).toContain('The context names persona "bestaat-niet", which the hub does not have; it was ignored');
    expect(warnings.some((warning) => /Persona "sportieve-sanne" could not be matched: attribute "age" is a text \("34"\), but "age ≥ 25" needs a number/.test(warning))).toBe(true);
  });

  it('refuses ambiguous input and unknown channels', async () => {
    expect(errorCode(await gql(hub, PERSONALIZE, { input: { itemId: dutchId, selector: { theme: 'x' }, context: sanne } }, delivery))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(hub, PERSONALIZE, { input: { context: sanne } }, delivery))).toBe('BAD_USER_INPUT');
    const unknown = await gql(hub, PERSONALIZE, { input: { itemId: dutchId, channel: 'fax', context: sanne } }, delivery);
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].message).toMatch(/Unknown channel "fax"/);
  });

  it('keeps drafts from DELIVERY keys, and lets PREVIEW keys preview them', async () => {
    const draft = await createItem(hub, { fields: { headline: 'Concept' } });
    expect(errorCode(await gql(hub, PERSONALIZE, { input: { itemId: draft.id, channel: 'sms', context: sanne } }, delivery))).toBe('NOT_FOUND');
    expect(errorCode(await gql(hub, PERSONALIZE, { input: { itemId: draft.id, channel: 'sms', context: sanne, preview: true } }, delivery))).toBe('FORBIDDEN');
    const previewKey = await createKey(hub, 'PREVIEW');
    const previewed = await gql(hub, PERSONALIZE, { input: { itemId: draft.id, channel: 'sms', context: sanne, preview: true } }, previewKey);
    expect(previewed.data!.personalize.text).toMatch(/^Concept/);
  });

  it('renders every consented channel with renderAll', async () => {
    const { data, errors } = await gql(hub, RENDER_ALL, { itemId: dutchId, context: deVries }, delivery);
    expect(errors).toBeUndefined();
    expect(data!.renderAll.map((variant: any) => variant.__typename).sort()).toEqual(['EmailVariant', 'InAppVariant', 'LetterVariant', 'SmsVariant', 'TweetVariant']);
    const onlyEmail = await gql(hub, RENDER_ALL, { itemId: dutchId, context: { ...deVries, consents: ['email'] } }, delivery);
    expect(onlyEmail.data!.renderAll.map((variant: any) => variant.channel)).toEqual(['email']);
  });

  it('gives every rendering a signed delivery token that names what was rendered for whom, the same key on every instance', async () => {
    const { data } = await gql(hub, `query($input: PersonalizeInput!) { personalize(input: $input) { deliveryToken itemVersion variantId explanation { experiment arm } } }`, { input: { itemId: dutchId, channel: 'tweet', context: sanne } }, delivery);
    const token: string = data!.personalize.deliveryToken;
    const [version, keyId, payload] = token.split('.');
    expect(version).toBe('dt1');
    const [itemId, itemVersion, variantId, experiment, arm, channel, locale, personas, customerId] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    expect({ itemId, itemVersion, variantId, experiment, arm, channel, locale, personas, customerId }).toEqual({
      itemId: dutchId,
      itemVersion: data!.personalize.itemVersion,
      variantId: data!.personalize.variantId,
      experiment: data!.personalize.explanation.experiment,
      arm: data!.personalize.explanation.arm,
      channel: 'tweet',
      locale: 'nl',
      personas: ['sportieve-sanne'],
      customerId: 'c-42',
    });
    const second = await createTestApp({ databaseUrl: hub.databaseUrl });
    try {
      const again = await gql(second, `query($input: PersonalizeInput!) { personalize(input: $input) { deliveryToken } }`, { input: { itemId: dutchId, channel: 'tweet', context: sanne } });
      expect(again.data!.personalize.deliveryToken.split('.')[1]).toBe(keyId);
    } finally {
      await second.close();
    }
    const all = await gql(hub, RENDER_ALL.replace('channel', 'channel deliveryToken'), { itemId: dutchId, context: deVries }, delivery);
    expect(new Set(all.data!.renderAll.map((variant: { deliveryToken: string }) => variant.deliveryToken)).size).toBe(all.data!.renderAll.length);
  });

  it('answers a batch in order, each request with its variant or its own error', async () => {
    const MANY = `query($requests: [PersonalizeInput!]!) { personalizeMany(requests: $requests) { variant { channel itemId text deliveryToken } error { code message path } } }`;
    const requests = [
      { itemId: dutchId, channel: 'sms', context: sanne },
      { itemId: '00000000-0000-4000-8000-000000000000', channel: 'sms', context: sanne },
      { itemId: dutchId, channel: 'letter', context: { ...sanne, consents: ['sms'] } },
      { itemId: 'geen-uuid', channel: 'sms', context: sanne },
      { itemId: dutchId, channel: 'tweet', context: { ...sanne, customerId: 'c-43' } },
      // PostgreSQL cannot store or compare a NUL character: such a request is refused on its own, not the batch.
      { itemId: dutchId, channel: 'sms', context: { ...sanne, customerId: 'c-\u0000', excludeAnsweredThemes: true } },
      { selector: { theme: 'zomer\u0000' }, channel: 'sms', context: sanne },
      { selector: { theme: 'zomeractie', tags: ['t\u0000'] }, channel: 'sms', context: sanne },
    ];
    const { data, errors } = await gql(hub, MANY, { requests }, delivery);
    expect(errors).toBeUndefined();
    const results = data!.personalizeMany;
    expect(results.map((result: any) => result.variant?.channel ?? result.error.code)).toEqual(['sms', 'NOT_FOUND', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'tweet', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(results[2].error.message).toMatch(/not consented to letter/);
    expect(results[3].error.path).toBe('requests[3].itemId');
    expect(results.slice(5).map((result: any) => result.error.path)).toEqual(['requests[5].context.customerId', 'requests[6].selector.theme', 'requests[7].selector.tags']);
    expect(results[0].variant.deliveryToken).toMatch(/^dt1\./);
    expect(results.every((result: any) => (result.variant === null) !== (result.error === null))).toBe(true);
  });

  it('refuses a batch over HUB_MAX_BATCH before rendering anything', async () => {
    const MANY = `query($requests: [PersonalizeInput!]!) { personalizeMany(requests: $requests) { variant { text } } }`;
    const requests = Array.from({ length: 101 }, () => ({ itemId: dutchId, channel: 'sms', context: sanne }));
    const refused = await gql(hub, MANY, { requests }, delivery);
    expect(refused.status).toBe(400);
    expect(refused.errors![0].message).toMatch(/101 renderings in batches; one request may ask for at most 100/);
  });

  it('lists the channels with their constraints and override keys', async () => {
    const { data } = await gql(hub, '{ channels { key description overrideKeys constraints { name limit } } }', {}, delivery);
    expect(data!.channels.map((channel: any) => channel.key)).toEqual(expect.arrayContaining(['tweet', 'email', 'letter', 'inApp', 'sms']));
    expect(data!.channels[0]).toMatchObject({ overrideKeys: ['text'], constraints: [{ name: 'weightedLength', limit: 280 }] });
    expect(data!.channels.find((channel: any) => channel.key === 'inApp').constraints).toEqual([
      { name: 'titleLength', limit: 50 },
      { name: 'bodyLength', limit: 150 },
    ]);
    expect(data!.channels.find((channel: any) => channel.key === 'sms').constraints).toEqual([{ name: 'segments', limit: 3 }]);
  });
});

describe('hand-written variants', () => {
  let hub: TestApp;
  beforeAll(async () => {
    hub = await createTestApp();
  });
  afterAll(() => hub.close());

  const CREATE = 'mutation($input: CreateVariantInput!) { createVariant(input: $input) { id version channel personaTags experiment { key weight } } }';
  const VARIANTS = 'query($id: ID!) { contentItem(id: $id) { variants { id channel version } } }';

  it('refuses a hand-written tweet of 300 weighted characters, naming the limit, and writes nothing', async () => {
    const item = await createItem(hub);
    const result = await gql(hub, CREATE, { input: { itemId: item.id, channel: 'tweet', fields: { text: 'x'.repeat(300) } } });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(/300 weighted characters; the limit is 280/);
    expect(result.errors![0].extensions!.path).toBe('input.fields.text');
    expect((await gql(hub, VARIANTS, { id: item.id })).data!.contentItem.variants).toEqual([]);
  });

  it.each([
    [{ channel: 'fax', fields: { text: 'x' } }, /Unknown channel/],
    [{ channel: 'tweet', fields: { subject: 'x' } }, /neither a field of model "message" nor a tweet override/],
    [{ channel: 'inApp', fields: { title: 'x'.repeat(51) } }, /limit is 50/],
    [{ channel: 'email', fields: { headline: 42 } }, /input\.fields\.headline/],
    [{ channel: 'sms', fields: { text: 'Hoi {{ customer.firstName ' } }, /token/],
    [{ channel: 'tweet', fields: { text: 'x' }, locale: 'de' }, /differs from its item's locale/],
  ])('refuses %j', async (input, message) => {
    const item = await createItem(hub);
    const result = await gql(hub, CREATE, { input: { itemId: item.id, ...input } });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(message);
  });

  it('accepts a letter variant with valid fields of another model, whatever their type', async () => {
    const created = await gql(hub, 'mutation($input: CreateContentItemInput!) { createContentItem(input: $input) { id } }', {
      input: {
        model: 'product-announcement',
        locale: 'nl',
        slug: `loopschoen-${Date.now()}`,
        fields: { productName: 'Loopschoen X', tagline: 'Licht en snel', description: 'Nieuw.', launchDate: '2027-05-01', price: 129.95, productPage: { label: 'Bekijk', url: 'https://example.com/x' } },
      },
    });
    const item = created.data!.createContentItem;
    const result = await gql(hub, CREATE, { input: { itemId: item.id, channel: 'letter', fields: { price: 99.95, productPage: { label: 'Nu bestellen', url: 'https://example.com/x' } } } });
    expect(result.errors).toBeUndefined();
  });

  it("creates, updates with a version and deletes a variant of a published item, each going live with the item's draft", async () => {
    const item = await createPublishedItem(hub);
    /** Publishes the item's draft, which the variant change opened. */
    const publishDraft = async () => {
      const { version } = (await gql(hub, 'query($id: ID!) { contentItem(id: $id) { version hasDraft } }', { id: item.id })).data!.contentItem;
      expect((await gql(hub, 'mutation($id: ID!, $version: Int!) { publishContentItem(id: $id, version: $version) { hasDraft } }', { id: item.id, version })).data!.publishContentItem.hasDraft).toBe(false);
    };
    const created = await gql(hub, CREATE, { input: { itemId: item.id, channel: 'sms', fields: { text: 'Handgeschreven sms' }, experiment: { key: 'sms-test', weight: 3 } } });
    const variant = created.data!.createVariant;
    expect(variant).toMatchObject({ version: 1, channel: 'sms', experiment: { key: 'sms-test', weight: 3 } });
    const personalize = () => gql(hub, PERSONALIZE, { input: { itemId: item.id, channel: 'sms', context: { locale: 'nl', consents: ['sms'] } } });
    expect((await personalize()).data!.personalize.variantId).toBeNull();
    await publishDraft();
    expect((await personalize()).data!.personalize.text).toBe('Handgeschreven sms');
    const stale = await gql(hub, 'mutation($id: ID!) { updateVariant(id: $id, version: 7, input: { fields: { text: "x" } }) { id } }', { id: variant.id });
    expect(errorCode(stale)).toBe('CONFLICT');
    const updated = await gql(hub, 'mutation($id: ID!) { updateVariant(id: $id, version: 1, input: { fields: { text: "Bijgewerkt" } }) { version fields } }', { id: variant.id });
    expect(updated.data!.updateVariant).toEqual({ version: 2, fields: { text: 'Bijgewerkt' } });
    expect((await personalize()).data!.personalize.text).toBe('Handgeschreven sms');
    await publishDraft();
    expect((await personalize()).data!.personalize.text).toBe('Bijgewerkt');
    await gql(hub, 'mutation($id: ID!) { deleteVariant(id: $id, version: 2) { id } }', { id: variant.id });
    expect((await personalize()).data!.personalize.text).toBe('Bijgewerkt');
    await publishDraft();
    expect((await personalize()).data!.personalize.variantId).toBeNull();
  });

  it("drops the variant changes with a discarded draft", async () => {
    const item = await createPublishedItem(hub);
    const kept = (await gql(hub, CREATE, { input: { itemId: item.id, channel: 'sms', fields: { text: 'Blijft' } } })).data!.createVariant;
    let { version } = (await gql(hub, 'query($id: ID!) { contentItem(id: $id) { version } }', { id: item.id })).data!.contentItem;
    ({ version } = (await gql(hub, 'mutation($id: ID!, $version: Int!) { publishContentItem(id: $id, version: $version) { version } }', { id: item.id, version })).data!.publishContentItem);
    await gql(hub, 'mutation($id: ID!) { updateVariant(id: $id, version: 1, input: { fields: { text: "Weg" } }) { version } }', { id: kept.id });
    const added = (await gql(hub, CREATE, { input: { itemId: item.id, channel: 'email', fields: { subject: 'Nieuw' } } })).data!.createVariant;
    const draft = (await gql(hub, 'query($id: ID!) { contentItem(id: $id) { version hasDraft variants { id live hasPendingChange fields } } }', { id: item.id })).data!.contentItem;
    expect(draft.hasDraft).toBe(true);
    expect(draft.variants).toEqual(expect.arrayContaining([{ id: kept.id, live: true, hasPendingChange: true, fields: { text: 'Weg' } }, { id: added.id, live: false, hasPendingChange: false, fields: { subject: 'Nieuw' } }]));
    await gql(hub, 'mutation($id: ID!, $version: Int!) { discardDraft(id: $id, version: $version) { version } }', { id: item.id, version: draft.version });
    const after = (await gql(hub, 'query($id: ID!) { contentItem(id: $id) { hasDraft variants { id fields hasPendingChange } } }', { id: item.id })).data!.contentItem;
    expect(after).toEqual({ hasDraft: false, variants: [{ id: kept.id, fields: { text: 'Blijft' }, hasPendingChange: false }] });
    expect(version).toBeGreaterThan(0);
  });
});
