import { createItem, createPersona, createPublishedItem, ITEM_FIELDS, publishItem } from '../factories/content.factory';
import { createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateContentItemInput!) { updateContentItem(id: $id, version: $version, input: $input) { ${ITEM_FIELDS} } }`;
const GET = `query($id: ID!) { contentItem(id: $id) { ${ITEM_FIELDS} } }`;
const CREATE = `mutation($input: CreateContentItemInput!) { createContentItem(input: $input) { id } }`;

describe('content items', () => {
  let hub: TestApp;
  beforeAll(async () => {
    hub = await createTestApp();
    await createPersona(hub, 'sportieve-sanne');
  });
  afterAll(() => hub.close());

  it('creates a draft at version 1 with all of its metadata', async () => {
    const item = await createItem(hub, { metadata: { personaTags: ['sportieve-sanne'], validFrom: '2027-07-01T00:00:00.000Z' } });
    expect(item).toMatchObject({ status: 'DRAFT', version: 1, model: 'message', locale: 'nl', author: 'HUB_ADMIN_KEY' });
    expect(item.metadata).toMatchObject({ theme: 'zomeractie', purpose: 'MOTIVATE', journeyStages: ['CONSIDERATION'], personaTags: ['sportieve-sanne'], priority: 10, validFrom: '2027-07-01T00:00:00.000Z' });
  });

  it('updates with the current version and bumps it', async () => {
    const item = await createItem(hub);
    const result = await gql(hub, UPDATE, { id: item.id, version: 1, input: { fields: { ...item.fields, headline: 'Nieuwe kop' }, metadata: { priority: 3 } } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateContentItem).toMatchObject({ version: 2, fields: { headline: 'Nieuwe kop' }, metadata: { priority: 3, theme: 'zomeractie' } });
  });

  it('refuses a stale version with CONFLICT and writes nothing', async () => {
    const item = await createItem(hub);
    await gql(hub, UPDATE, { id: item.id, version: 1, input: { metadata: { priority: 1 } } });
    const stale = await gql(hub, UPDATE, { id: item.id, version: 1, input: { fields: { ...item.fields, headline: 'Verloren wijziging' } } });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors![0].message).toMatch(/version 2/);
    const current = await gql(hub, GET, { id: item.id });
    expect(current.data!.contentItem).toMatchObject({ version: 2, fields: { headline: 'Zomer in beweging' } });
  });

  it('merges fields as a JSON merge patch: given keys replace, null removes, the rest stays', async () => {
    const item = await createItem(hub);
    const patched = await gql(hub, UPDATE, { id: item.id, version: 1, input: { fields: { headline: 'Nieuwe kop', summary: null } } });
    expect(patched.errors).toBeUndefined();
    expect(patched.data!.updateContentItem.fields).toEqual({ ...item.fields, headline: 'Nieuwe kop', summary: undefined });
    expect(Object.keys(patched.data!.updateContentItem.fields)).not.toContain('summary');
    expect(patched.data!.updateContentItem.fields.body).toBe(item.fields.body);
  });

  it('validates the merged result, and checks the version before anything else', async () => {
    const item = await createItem(hub);
    const invalid = await gql(hub, UPDATE, { id: item.id, version: 1, input: { fields: { headline: null } } });
    expect(errorCode(invalid)).toBe('BAD_USER_INPUT');
    expect(invalid.errors![0].extensions!.path).toBe('input.fields.headline');
    const staleAndInvalid = await gql(hub, UPDATE, { id: item.id, version: 7, input: { fields: { headline: null } } });
    expect(errorCode(staleAndInvalid)).toBe('CONFLICT');
    for (const input of [{ slug: 'Not A Slug' }, { metadata: { priority: 5_000_000 } }, { metadata: { theme: '' } }]) {
      expect({ input, code: errorCode(await gql(hub, UPDATE, { id: item.id, version: 7, input })) }).toEqual({ input, code: 'CONFLICT' });
      const invalidAlone = await gql(hub, UPDATE, { id: item.id, version: 1, input });
      expect({ input, code: errorCode(invalidAlone) }).toEqual({ input, code: 'BAD_USER_INPUT' });
    }
    const typedStale = await gql(hub, 'mutation($id: ID!, $input: UpdateMessageInput!) { updateMessage(id: $id, version: 7, input: $input) { id } }', { id: item.id, input: { slug: 'Not A Slug' } });
    expect(errorCode(typedStale)).toBe('CONFLICT');
    const typedInvalid = await gql(hub, 'mutation($id: ID!, $input: UpdateMessageInput!) { updateMessage(id: $id, version: 1, input: $input) { id } }', { id: item.id, input: { slug: 'Not A Slug' } });
    expect(errorCode(typedInvalid)).toBe('BAD_USER_INPUT');
    expect(typedInvalid.errors![0].extensions!.path).toBe('input.slug');
    expect((await gql(hub, 'query($id: ID!) { contentItem(id: $id) { version fields } }', { id: item.id })).data!.contentItem).toEqual({ version: 1, fields: item.fields });
  });

  it('publishes, unpublishes and archives through the workflow, each quoting the version', async () => {
    const item = await createItem(hub);
    const published = await publishItem(hub, item);
    expect(published).toMatchObject({ status: 'PUBLISHED', version: 2 });
    expect(published.publishedAt).toEqual(expect.any(String));
    const unpublished = await gql(hub, 'mutation($id: ID!, $version: Int!) { unpublishContentItem(id: $id, version: $version) { status version } }', { id: item.id, version: 2 });
    expect(unpublished.data!.unpublishContentItem).toEqual({ status: 'DRAFT', version: 3 });
    const archived = await gql(hub, 'mutation($id: ID!, $version: Int!) { archiveContentItem(id: $id, version: $version) { status version } }', { id: item.id, version: 3 });
    expect(archived.data!.archiveContentItem).toEqual({ status: 'ARCHIVED', version: 4 });
  });

  it('refuses to publish an item that is already published, without a new version', async () => {
    const item = await createPublishedItem(hub);
    const again = await gql(hub, 'mutation($id: ID!, $version: Int!) { publishContentItem(id: $id, version: $version) { version } }', { id: item.id, version: item.version });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect((await gql(hub, GET, { id: item.id })).data!.contentItem.version).toBe(item.version);
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect(errorCode(await gql(hub, GET, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    const malformed = await gql(hub, GET, { id: 'not-a-uuid' });
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
  });

  it('refuses a duplicate slug in the same model and locale with CONFLICT', async () => {
    const item = await createItem(hub);
    const duplicate = await gql(hub, CREATE, { input: { model: 'message', locale: 'nl', slug: item.slug, fields: { headline: 'x', body: 'y' } } });
    expect(errorCode(duplicate)).toBe('CONFLICT');
    expect(duplicate.errors![0].message).toMatch(/already exists; choose another slug/);
    // The refusal is the client's mistake: no SQL, values or stack trace in the hub's log.
    expect(hub.output()).not.toMatch(/duplicate key|INSERT INTO|_bt_check_unique|at .*\.js:\d+/);
    const otherLocale = await gql(hub, CREATE, { input: { model: 'message', locale: 'en', slug: item.slug, fields: { headline: 'x', body: 'y' } } });
    expect(otherLocale.errors).toBeUndefined();
  });

  describe('field validation against the model', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a missing required field', { headline: undefined }, 'input.fields.headline'],
      ['a call to action whose scheme hides a control character', { callToAction: { label: 'Klik', url: 'java\tscript:alert(1)' } }, 'input.fields.callToAction.url'],
      ['a call to action with a scheme outside the allow-list', { callToAction: { label: 'Klik', url: 'data:text/html,x' } }, 'input.fields.callToAction.url'],
      ['a field of the wrong type', { headline: 42 }, 'input.fields.headline'],
      ['a field the model does not have', { colour: 'red' }, 'input.fields.colour'],
      ['a text over its maximum length', { headline: 'x'.repeat(121) }, 'input.fields.headline'],
      ['a hashtag that breaks the pattern', { hashtags: ['ok', 'niet ok!'] }, 'input.fields.hashtags[1]'],
      ['a call to action with a javascript: URL', { callToAction: { label: 'Klik', url: 'javascript:alert(1)' } }, 'input.fields.callToAction.url'],
      ['a huge string', { body: 'x'.repeat(200_000) }, 'input.fields.body'],
    ];
    it.each(cases)('refuses %s with BAD_USER_INPUT naming the path, and writes nothing', async (_name, fields, path) => {
      const slug = `ongeldig-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      const base = { headline: 'Kop', body: 'Tekst' };
      const result = await gql(hub, CREATE, { input: { model: 'message', locale: 'nl', slug, fields: { ...base, ...fields } } });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0].extensions!.path).toBe(path);
      const listed = await gql(hub, 'query($search: String!) { contentItems(filter: { search: $search }) { totalCount } }', { search: slug });
      expect(listed.data!.contentItems.totalCount).toBe(0);
    });

    it('refuses an unknown model', async () => {
      const result = await gql(hub, CREATE, { input: { model: 'nope', locale: 'nl', slug: 'x', fields: {} } });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0].message).toMatch(/Unknown content model "nope"/);
    });

    it('refuses input of the wrong GraphQL type and unknown input fields', async () => {
      const wrongType = await gql(hub, CREATE, { input: { model: 'message', locale: 'nl', slug: 'x', fields: {}, metadata: { priority: 'high' } } });
      expect(errorCode(wrongType)).toBe('BAD_USER_INPUT');
      const unknownField = await gql(hub, CREATE, { input: { model: 'message', locale: 'nl', slug: 'x', fields: {}, colour: 'red' } });
      expect(errorCode(unknownField)).toBe('BAD_USER_INPUT');
      const badSlug = await gql(hub, CREATE, { input: { model: 'message', locale: 'nl', slug: 'Niet Goed', fields: { headline: 'x', body: 'y' } } });
      expect(errorCode(badSlug)).toBe('BAD_USER_INPUT');
      expect(badSlug.errors![0].extensions!.path).toBe('input.slug');
    });

    it('refuses a channel the hub does not have', async () => {
      const result = await gql(hub, CREATE, { input: { model: 'message', locale: 'nl', slug: `fax-${Date.now()}`, fields: { headline: 'x', body: 'y' }, metadata: { channels: ['email', 'fax'] } } });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0].message).toMatch(/Unknown channel "fax"/);
      expect(result.errors![0].extensions!.path).toBe('input.metadata.channels');
    });

    it('refuses a validity window that ends before it starts', async () => {
      const result = await gql(hub, CREATE, {
        input: { model: 'message', locale: 'nl', slug: `venster-${Date.now()}`, fields: { headline: 'x', body: 'y' }, metadata: { validFrom: '2027-08-01T00:00:00Z', validUntil: '2027-07-01T00:00:00Z' } },
      });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0].extensions!.path).toBe('input.metadata.validUntil');
    });
  });
});
