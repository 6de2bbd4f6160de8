import request from 'supertest';
import { createItem, createPublishedItem, buildMessageInput } from '../factories/content.factory';
import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const GET = 'query($id: ID!) { contentItem(id: $id) { id status } }';
const LIST = 'query { contentItems(first: 100) { totalCount edges { node { status } } } }';
const CREATE = 'mutation($input: CreateContentItemInput!) { createContentItem(input: $input) { id } }';
const PERSONA = 'mutation { upsertPersona(input: { key: "toegang-test", name: "Toegang", tone: FORMAL }) { key } }';
const CREATE_KEY = 'mutation { createApiKey(name: "x", role: EDITOR) { secret } }';

describe('access: keys and roles', () => {
  let hub: TestApp;
  let keys: Record<'EDITOR' | 'PREVIEW' | 'DELIVERY', string>;
  let draft: { id: string };
  let published: { id: string };

  beforeAll(async () => {
    hub = await createTestApp();
    keys = { EDITOR: await createKey(hub, 'EDITOR'), PREVIEW: await createKey(hub, 'PREVIEW'), DELIVERY: await createKey(hub, 'DELIVERY') };
    draft = await createItem(hub);
    published = await createPublishedItem(hub);
  });
  afterAll(() => hub.close());

  it('refuses requests without a key or with an unknown key, introspection included, but keeps /health open', async () => {
    const anonymous = await gql(hub, '{ __schema { queryType { name } } }', {}, null);
    expect(anonymous.status).toBe(401);
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(hub, LIST, {}, 'fct_unknown'))).toBe('UNAUTHENTICATED');
    const health = await request(hub.baseUrl).get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
  });

  it('returns the secret once and stores only its hash', async () => {
    const created = await gql(hub, 'mutation { createApiKey(name: "eenmalig", role: PREVIEW) { id name role prefix secret } }');
    const key = created.data!.createApiKey;
    expect(key.secret).toMatch(/^fct_/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    const listed = await gql(hub, '{ apiKeys { id name prefix } }');
    expect(JSON.stringify(listed.data)).not.toContain(key.secret);
    const { Client } = await import('pg');
    const client = new Client({ connectionString: hub.databaseUrl });
    await client.connect();
    const stored = await client.query('SELECT key_hash FROM api_keys WHERE id = $1', [key.id]);
    await client.end();
    expect(stored.rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0].key_hash).not.toContain(key.secret);
  });

  it('lets DELIVERY read published content only: drafts are not found and not listed', async () => {
    expect((await gql(hub, GET, { id: published.id }, keys.DELIVERY)).data!.contentItem.status).toBe('PUBLISHED');
    expect(errorCode(await gql(hub, GET, { id: draft.id }, keys.DELIVERY))).toBe('NOT_FOUND');
    const listed = await gql(hub, LIST, {}, keys.DELIVERY);
    expect(listed.data!.contentItems.edges.every((edge: any) => edge.node.status === 'PUBLISHED')).toBe(true);
    expect(errorCode(await gql(hub, 'query { contentItems(filter: { status: DRAFT }) { totalCount } }', {}, keys.DELIVERY))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(hub, 'query($itemId: ID!) { revisions(itemId: $itemId) { revision } }', { itemId: published.id }, keys.DELIVERY))).toBe('FORBIDDEN');
  });

  it('lets PREVIEW read drafts but not write', async () => {
    expect((await gql(hub, GET, { id: draft.id }, keys.PREVIEW)).data!.contentItem.status).toBe('DRAFT');
    expect(errorCode(await gql(hub, CREATE, { input: buildMessageInput() }, keys.PREVIEW))).toBe('FORBIDDEN');
    expect(errorCode(await gql(hub, PERSONA, {}, keys.PREVIEW))).toBe('FORBIDDEN');
  });

  it('lets EDITOR write content and personas but not manage keys', async () => {
    expect((await gql(hub, CREATE, { input: buildMessageInput() }, keys.EDITOR)).errors).toBeUndefined();
    expect((await gql(hub, PERSONA, {}, keys.EDITOR)).errors).toBeUndefined();
    const editorCreatesKey = await gql(hub, CREATE_KEY, {}, keys.EDITOR);
    expect(errorCode(editorCreatesKey)).toBe('FORBIDDEN');
    expect(editorCreatesKey.errors![0].message).toMatch(/^An EDITOR key may not do this/);
  });

  it('refuses every write to DELIVERY', async () => {
    expect(errorCode(await gql(hub, CREATE, { input: buildMessageInput() }, keys.DELIVERY))).toBe('FORBIDDEN');
    expect(errorCode(await gql(hub, PERSONA, {}, keys.DELIVERY))).toBe('FORBIDDEN');
    expect(errorCode(await gql(hub, CREATE_KEY, {}, keys.DELIVERY))).toBe('FORBIDDEN');
  });

  it('stops accepting a revoked key at once', async () => {
    const created = await gql(hub, 'mutation { createApiKey(name: "kort", role: EDITOR) { id secret } }');
    const { id, secret } = created.data!.createApiKey;
    expect((await gql(hub, LIST, {}, secret)).errors).toBeUndefined();
    const revoked = await gql(hub, 'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id });
    expect(revoked.data!.revokeApiKey.revokedAt).toEqual(expect.any(String));
    expect(errorCode(await gql(hub, LIST, {}, secret))).toBe('UNAUTHENTICATED');
  });
});

describe('request limits', () => {
  let hub: TestApp;
  beforeAll(async () => {
    hub = await createTestApp({ env: { HUB_MAX_QUERY_DEPTH: '3' } });
  });
  afterAll(() => hub.close());

  it('answers an oversized body with 413 and BAD_USER_INPUT, not a 500', async () => {
    const response = await request(hub.baseUrl)
      .post('/graphql')
      .set('Authorization', `Bearer ${hub.adminKey}`)
      .set('Content-Type', 'application/json')
      .send({ query: '{ me { role } }', variables: { padding: 'x'.repeat(2_000_000) } });
    expect(response.status).toBe(413);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers malformed JSON and syntax errors with BAD_USER_INPUT', async () => {
    const malformed = await request(hub.baseUrl).post('/graphql').set('Authorization', `Bearer ${hub.adminKey}`).set('Content-Type', 'application/json').send('{"query": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(hub, '{ contentItems( }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(hub, '{ noSuchField }'))).toBe('BAD_USER_INPUT');
  });

  it('refuses queries that are too deep or too complex', async () => {
    expect((await gql(hub, '{ contentItems { edges { node { id } } } }')).errors).toBeUndefined();
    const tooDeep = await gql(hub, '{ contentItems { edges { node { metadata { theme } } } } }');
    expect(errorCode(tooDeep)).toBe('BAD_USER_INPUT');
    expect(tooDeep.errors![0].message).toMatch(/depth/);
    const aliases = `{ ${Array.from({ length: 60 }, (_, index) => `a${index}: contentItems(first: 100) { edges { node { id slug fields } } }`).join(' ')} }`;
    const complex = await gql(hub, aliases);
    expect(errorCode(complex)).toBe('BAD_USER_INPUT');
    expect(complex.errors![0].message).toMatch(/too complex/);
    expect(complex.status).toBe(400);
  });

  it('never shows stack traces or SQL', async () => {
    const result = await gql(hub, 'query($id: ID!) { contentItem(id: $id) { id } }', { id: "'; DROP TABLE content_items; --" });
    expect(JSON.stringify(result.errors)).not.toMatch(/stack|SELECT|at .*\.js/);
  });
});
