import { buildMessageInput, createItem } from '../factories/content.factory';
import { createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const CREATE = 'mutation($input: CreateContentItemInput!) { createContentItem(input: $input) { id version } }';
const UPDATE = 'mutation($id: ID!, $version: Int!, $input: UpdateContentItemInput!) { updateContentItem(id: $id, version: $version, input: $input) { id version } }';
const HEALTH = '{ contentHealth { itemId version slug problems { path message } } }';

describe('mistakes are caught when content is saved, never at delivery', () => {
  let hub: TestApp;
  let announcements = 0;

  beforeAll(async () => {
    hub = await createTestApp({ seed: true });
  });
  afterAll(() => hub.close());

  async function refusal(query: string, variables: Record<string, unknown>) {
    const result = await gql(hub, query, variables);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    return { path: result.errors![0].extensions!.path as string, message: result.errors![0].message };
  }

  const countItems = async () => (await gql(hub, '{ contentItems(first: 1) { totalCount } }')).data!.contentItems.totalCount as number;

  it.each([
    ['an unclosed token', { body: 'Hoi {{ customer.firstName' }, 'input.fields.body', /cannot be read: .*line:1, col:5/],
    ['an unknown filter', { headline: 'Hoi {{ customer.firstName | shout }}' }, 'input.fields.headline', /cannot be read: .*shout/],
    ['a name the sandbox does not offer', { summary: 'Beste {{ klant.naam }}' }, 'input.fields.summary', /reads "klant", which content cannot read; tokens read customer, now, salutation/],
    ['a broken token in a link label', { callToAction: { label: '{% if customer.vip %}VIP', url: 'https://example.com' } }, 'input.fields.callToAction.label', /cannot be read/],
    ['an asset that does not exist', { image: { assetId: '00000000-0000-4000-8000-000000000099' } }, 'input.fields.image.assetId', /asset 00000000-0000-4000-8000-000000000099 does not exist/],
  ])('refuses %s with its field path, and stores nothing', async (_what, fields, path, message) => {
    const before = await countItems();
    const refused = await refusal(CREATE, { input: buildMessageInput({ fields }) });
    expect(refused.path).toBe(path);
    expect(refused.message).toMatch(message);
    expect(await countItems()).toBe(before);
  });

  it('accepts tokens that read the customer, now and loop variables', async () => {
    const { errors } = await gql(hub, CREATE, {
      input: buildMessageInput({ fields: { body: 'Hoi {{ customer.firstName | default: "sporter" }}, {{ now | date: "%Y" }}. {% for tag in customer.interests %}{{ tag }} {% endfor %}' } }),
    });
    expect(errors).toBeUndefined();
  });

  it('refuses unknown persona tags and channels in metadata, a missing referenced item and a date that is not ISO 8601', async () => {
    expect(await refusal(CREATE, { input: buildMessageInput({ metadata: { personaTags: ['sportieve-sanne', 'niemand'] } }) })).toEqual({
      path: 'input.metadata.personaTags',
      message: expect.stringMatching(/persona "niemand" does not exist/),
    });
    expect((await refusal(CREATE, { input: buildMessageInput({ metadata: { channels: ['fax'] } }) })).path).toBe('input.metadata.channels');
    const announcement = (fields: Record<string, unknown>) => ({
      model: 'product-announcement',
      locale: 'nl',
      slug: `aankondiging-${(announcements += 1)}-${Date.now()}`,
      fields: { productName: 'Loper 2', description: 'Nieuw.', launchDate: '2027-06-01', ...fields },
    });
    expect(await refusal(CREATE, { input: announcement({ related: ['00000000-0000-4000-8000-000000000042'] }) })).toEqual({
      path: 'input.fields.related[0]',
      message: expect.stringMatching(/content item 00000000-0000-4000-8000-000000000042 does not exist/),
    });
    expect((await refusal(CREATE, { input: announcement({ launchDate: '06/01/2027' }) })).path).toBe('input.fields.launchDate');
    const usDate = await gql(hub, CREATE, { input: buildMessageInput({ metadata: { validFrom: '12/01/2027' } }) });
    expect(usDate.status).toBe(400);
    expect(usDate.errors![0].message).toMatch(/validFrom/);
    expect((await gql(hub, CREATE, { input: announcement({ launchDate: '2027-06-01T09:00:00+02:00' }) })).errors).toBeUndefined();
  });

  it('checks a merged update the same way, after the version', async () => {
    const item = await createItem(hub);
    expect((await refusal(UPDATE, { id: item.id, version: item.version, input: { fields: { summary: '{{ customer.firstName | nope }}' } } })).path).toBe('input.fields.summary');
    expect(errorCode(await gql(hub, UPDATE, { id: item.id, version: item.version + 5, input: { fields: { summary: '{{ broken' } } }))).toBe('CONFLICT');
    expect((await gql(hub, UPDATE, { id: item.id, version: item.version, input: { fields: { summary: 'Hoi {{ customer.firstName }}' } } })).data!.updateContentItem.version).toBe(item.version + 1);
  });

  it('refuses a variant for a channel the item does not allow or a persona that does not exist, and a persona preferring an unknown channel', async () => {
    const emailOnly = await createItem(hub, { metadata: { channels: ['email'] } });
    const variant = 'mutation($input: CreateVariantInput!) { createVariant(input: $input) { id } }';
    expect(await refusal(variant, { input: { itemId: emailOnly.id, channel: 'tweet', fields: { text: 'Zomer!' } } })).toEqual({ path: 'input.channel', message: expect.stringMatching(/only for email; a tweet variant of it would never be sent/) });
    expect((await refusal(variant, { input: { itemId: emailOnly.id, channel: 'email', personaTags: ['niemand'], fields: { subject: 'Zomer' } } })).path).toBe('input.personaTags');
    expect((await refusal(variant, { input: { itemId: emailOnly.id, channel: 'email', fields: { subject: 'Zomer {{ klant.naam }}' } } })).path).toBe('input.fields.subject');
    const persona = 'mutation($input: UpsertPersonaInput!) { upsertPersona(input: $input) { key } }';
    expect(await refusal(persona, { input: { key: 'faxer', name: 'Faxer', tone: 'FORMAL', channelPreferences: ['email', 'fax'] } })).toEqual({ path: 'input.channelPreferences', message: expect.stringMatching(/Unknown channel "fax"/) });
  });

  it('reports stored content that no longer passes, e.g. after its persona was deleted', async () => {
    await gql(hub, 'mutation($input: UpsertPersonaInput!) { upsertPersona(input: $input) { key } }', { input: { key: 'tijdelijk', name: 'Tijdelijk', tone: 'INFORMAL' } });
    const item = await createItem(hub, { metadata: { personaTags: ['tijdelijk'] } });
    expect((await gql(hub, HEALTH)).data!.contentHealth.map((entry: { itemId: string }) => entry.itemId)).not.toContain(item.id);
    expect((await gql(hub, 'mutation { deletePersona(key: "tijdelijk") { key } }')).errors).toBeUndefined();
    const report = (await gql(hub, HEALTH)).data!.contentHealth;
    expect(report).toContainEqual({ itemId: item.id, version: item.version, slug: item.slug, problems: [{ path: 'metadata.personaTags', message: expect.stringMatching(/persona "tijdelijk" does not exist/) }] });
  });
});
