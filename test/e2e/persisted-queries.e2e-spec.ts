import { createHash } from 'node:crypto';
import request from 'supertest';
import { createPublishedItem } from '../factories/content.factory';
import { createKey, createTestApp, TestApp } from '../setup/test-app';

const QUERY = 'query($id: ID!) { contentItem(id: $id) { id version fields } }';
const HASH = createHash('sha256').update(QUERY).digest('hex');
const PERSISTED = { persistedQuery: { version: 1, sha256Hash: HASH } };

describe('persisted documents: a channel app sends a hash instead of the query text', () => {
  let hub: TestApp;
  let delivery: string;
  let itemId: string;

  beforeAll(async () => {
    hub = await createTestApp();
    delivery = await createKey(hub, 'DELIVERY');
    itemId = (await createPublishedItem(hub)).id;
  });
  afterAll(() => hub.close());

  const post = (body: Record<string, unknown>) => request(hub.baseUrl).post('/graphql').set('Authorization', `Bearer ${delivery}`).set('Content-Type', 'application/json').send(body);

  it('asks for the text of an unknown hash, keeps it once sent, then answers from the hash alone, by POST and by GET', async () => {
    const unknown = await post({ variables: { id: itemId }, extensions: PERSISTED });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.status).toBeLessThan(500);

    const registered = await post({ query: QUERY, variables: { id: itemId }, extensions: PERSISTED });
    expect(registered.body.errors).toBeUndefined();

    const byHash = await post({ variables: { id: itemId }, extensions: PERSISTED });
    expect(byHash.body).toEqual(registered.body);

    const byGet = await request(hub.baseUrl)
      .get('/graphql')
      .query({ variables: JSON.stringify({ id: itemId }), extensions: JSON.stringify(PERSISTED) })
      .set('Authorization', `Bearer ${delivery}`)
      .set('Accept', 'application/json')
      .set('apollo-require-preflight', 'true');
    expect(byGet.status).toBe(200);
    expect(byGet.body).toEqual(registered.body);
  });

  it('refuses a text that does not match its hash', async () => {
    const mismatch = await post({ query: '{ me { role } }', extensions: PERSISTED });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
