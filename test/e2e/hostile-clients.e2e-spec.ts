import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import sharp from 'sharp';
import { createItem, createPublishedItem } from '../factories/content.factory';
import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const CONTEXT = '{ locale: "nl", consents: ["letter", "sms", "email", "tweet", "inApp"] }';

function aliases(count: number, itemId: string, channel: string, fields = 'text'): string {
  return `{ ${Array.from({ length: count }, (_, index) => `a${index}: personalize(input: { itemId: "${itemId}", channel: "${channel}", context: ${CONTEXT} }) { ${fields} }`).join(' ')} }`;
}

/** Noise does not compress: every rendition of it is large, so a few fill a small cache. */
function noise(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer();
}

/** Times a request that must stay fast while the hub is under attack. */
async function healthLatency(hub: TestApp): Promise<number> {
  const started = Date.now();
  const response = await request(hub.baseUrl).get('/health');
  expect(response.status).toBe(200);
  return Date.now() - started;
}

describe('a hostile client with the lowest role', () => {
  let hub: TestApp;
  let delivery: string;
  let itemId: string;

  beforeAll(async () => {
    hub = await createTestApp({ env: { HUB_RATE_LIMIT_PREVIEW: '20', HUB_FAILED_SIGN_INS_PER_MINUTE: '5', HUB_RENDITION_CACHE_MB: '1' } });
    delivery = await createKey(hub, 'DELIVERY');
    itemId = (await createPublishedItem(hub)).id;
  });
  afterAll(() => hub.close());

  it('cannot ask for 1,000 letters in one request: refused before anything renders, HTTP 400', async () => {
    const response = await request(hub.baseUrl).post('/graphql').set('Authorization', `Bearer ${delivery}`).send({ query: aliases(1000, itemId, 'letter') });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', renders: 1000, limit: 50 });
  });

  it('pays for renderings by channel: eight letters pass, eleven cost more than the limit', async () => {
    const eight = await gql(hub, aliases(8, itemId, 'letter'), {}, delivery);
    expect(eight.errors).toBeUndefined();
    const eleven = await gql(hub, aliases(11, itemId, 'letter'), {}, delivery);
    expect(eleven.status).toBe(400);
    expect(eleven.errors![0].message).toMatch(/too complex/);
    expect((await gql(hub, aliases(40, itemId, 'sms'), {}, delivery)).errors).toBeUndefined();
  });

  it('counts a renderAll as one rendering per consented channel', async () => {
    const query = `{ ${Array.from({ length: 11 }, (_, index) => `r${index}: renderAll(itemId: "${itemId}", context: ${CONTEXT}) { channel }`).join(' ')} }`;
    const refused = await gql(hub, query, {}, delivery);
    expect(refused.status).toBe(400);
    expect(refused.errors![0].message).toMatch(/55 renderings/);
  });

  it('refuses oversized or deeply nested customer attributes per rendering, without stalling the hub', async () => {
    const query = `query($attributes: JSONObject) { ${Array.from({ length: 5 }, (_, index) => `a${index}: personalize(input: { itemId: "${itemId}", channel: "sms", context: { locale: "nl", consents: ["sms"], attributes: $attributes } }) { text }`).join(' ')} }`;
    const started = Date.now();
    const big = await gql(hub, query, { attributes: { firstName: 'x'.repeat(900_000) } }, delivery);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(errorCode(big)).toBe('BAD_USER_INPUT');
    expect(big.errors![0].message).toMatch(/the limit is 16384/);
    let deep: Record<string, unknown> = { end: true };
    for (let level = 0; level < 50; level += 1) deep = { level: deep };
    const nested = await gql(hub, query, { attributes: deep }, delivery);
    expect(nested.errors![0].message).toMatch(/nested more than 8 levels/);
  });

  it('keeps /health answering while letters are being rendered', async () => {
    const attack = Promise.all(Array.from({ length: 6 }, () => gql(hub, aliases(8, itemId, 'letter', 'text ... on LetterVariant { pdfBase64 }'), {}, delivery)));
    const latencies: number[] = [];
    for (let probe = 0; probe < 5; probe += 1) latencies.push(await healthLatency(hub));
    const answers = await attack;
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });

  it('keeps the rendition cache on disk within its limit, however many sizes are asked for without a key', async () => {
    const uploaded = await request(hub.baseUrl).post('/assets').set('Authorization', `Bearer ${hub.adminKey}`).field('alt', 'Groot').attach('file', await noise(2400, 1800), 'ruis.png');
    expect(uploaded.status).toBe(201);
    for (const width of [480, 600, 640, 720, 800, 960, 1080, 1200, 1280, 1600, 1920, 2400]) {
      expect((await request(hub.baseUrl).get(`/assets/${uploaded.body.id}/original?w=${width}&format=webp`)).status).toBe(200);
    }
    const renditions = path.join(os.tmpdir(), 'facet-test-assets', new URL(hub.databaseUrl).pathname.slice(1), 'renditions');
    const files = fs.readdirSync(renditions, { recursive: true }).map((name) => path.join(renditions, String(name))).filter((file) => fs.statSync(file).isFile());
    const sizes = files.map((file) => fs.statSync(file).size);
    expect(files.length).toBeLessThan(12);
    // Least recently used first; a rendition larger than the whole cache is answered, then not kept.
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(1024 * 1024);
  });

  it('refuses a GraphQL upload before reading it when the key, its role or the CSRF header is missing', async () => {
    const capacitorFiles = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('capacitor')).length;
    const before = capacitorFiles();
    const upload = (headers: Record<string, string>) => {
      const call = request(hub.baseUrl).post('/graphql');
      for (const [name, value] of Object.entries(headers)) call.set(name, value);
      return call
        .field('operations', JSON.stringify({ query: 'mutation($file: Upload!) { uploadAsset(file: $file, alt: "x") { id } }', variables: { file: null } }))
        .field('map', JSON.stringify({ 0: ['variables.file'] }))
        .attach('0', Buffer.alloc(20_000, 1), { filename: 'groot.png', contentType: 'image/png' });
    };
    const anonymous = await upload({ 'apollo-require-preflight': 'true' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const deliveryKey = await upload({ 'apollo-require-preflight': 'true', Authorization: `Bearer ${delivery}` });
    expect(deliveryKey.status).toBe(403);
    expect(deliveryKey.body.errors[0].message).toMatch(/^A DELIVERY key may not upload/);
    const noPreflight = await upload({ Authorization: `Bearer ${hub.adminKey}` });
    expect(noPreflight.status).toBe(400);
    expect(capacitorFiles()).toBe(before);
  });

  it('versions personas atomically: of four concurrent updates at one version exactly one wins, and concurrent creates never fail', async () => {
    const upsert = 'mutation($input: UpsertPersonaInput!) { upsertPersona(input: $input) { key version name } }';
    const input = (key: string, name: string, version?: number) => ({ input: { key, name, tone: 'FORMAL', channelPreferences: ['email'], ...(version ? { version } : {}) } });
    for (let round = 0; round < 5; round += 1) {
      const key = `gelijktijdig-${round}`;
      const creates = await Promise.all(Array.from({ length: 4 }, (_, index) => gql(hub, upsert, input(key, `Maker ${index}`))));
      expect(creates.map((result) => result.errors)).toEqual([undefined, undefined, undefined, undefined]);
      expect(creates.map((result) => result.data!.upsertPersona.version).sort()).toEqual([1, 2, 3, 4]);
      const updates = await Promise.all(Array.from({ length: 4 }, (_, index) => gql(hub, upsert, input(key, `Schrijver ${index}`, 4))));
      expect(updates.filter((result) => !result.errors)).toHaveLength(1);
      expect(updates.filter((result) => errorCode(result) === 'CONFLICT')).toHaveLength(3);
    }
  });

  it('shows a DELIVERY key only what is live now, and no schedule', async () => {
    const scheduled = await createPublishedItem(hub, { metadata: { theme: 'verrassing', validFrom: '2099-01-01T00:00:00Z' } });
    const byId = await gql(hub, 'query($id: ID!) { contentItem(id: $id) { id fields } }', { id: scheduled.id }, delivery);
    expect(errorCode(byId)).toBe('NOT_FOUND');
    const listed = await gql(hub, '{ contentItems(filter: { theme: "verrassing" }) { totalCount edges { node { id } } } }', {}, delivery);
    expect(listed.data!.contentItems).toEqual({ totalCount: 0, edges: [] });
    expect((await gql(hub, 'query($id: ID!) { contentItem(id: $id) { id } }', { id: scheduled.id })).data!.contentItem.id).toBe(scheduled.id);
    const lookAhead = await gql(hub, `{ personalize(input: { itemId: "${scheduled.id}", channel: "sms", context: { locale: "nl", consents: ["sms"], now: "2099-06-01T00:00:00Z" } }) { text } }`, {}, delivery);
    expect(errorCode(lookAhead)).toBe('FORBIDDEN');
    const now = await gql(hub, `{ personalize(input: { itemId: "${scheduled.id}", channel: "sms", context: { locale: "nl", consents: ["sms"] } }) { text } }`, {}, delivery);
    expect(errorCode(now)).toBe('NOT_FOUND');
    expect(JSON.stringify([byId.errors, now.errors, lookAhead.errors])).not.toMatch(/2099/);
  });

  it('gives a DELIVERY key no map of the API: no introspection, no "Did you mean" hints', async () => {
    const introspection = await gql(hub, '{ __schema { types { name } } }', {}, delivery);
    expect(introspection.status).toBe(403);
    expect(errorCode(introspection)).toBe('FORBIDDEN');
    expect(errorCode(await gql(hub, '{ __type(name: "Mutation") { fields { name } } }', {}, delivery))).toBe('FORBIDDEN');
    expect((await gql(hub, '{ __typename }', {}, delivery)).errors).toBeUndefined();
    const typo = await gql(hub, '{ createApiKe }', {}, delivery);
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean|createApiKey/);
    expect((await gql(hub, '{ __schema { queryType { name } } }', {}, hub.adminKey)).errors).toBeUndefined();
  });

  it('lets a DELIVERY key read only assets that live content shows', async () => {
    const uploaded = await request(hub.baseUrl).post('/assets').set('Authorization', `Bearer ${hub.adminKey}`).field('alt', 'Concept').attach('file', await noise(64, 64), 'concept.png');
    const query = 'query($id: ID!) { asset(id: $id) { id } }';
    await createItem(hub, { fields: { image: { assetId: uploaded.body.id } } });
    expect(errorCode(await gql(hub, query, { id: uploaded.body.id }, delivery))).toBe('NOT_FOUND');
    await createPublishedItem(hub, { fields: { image: { assetId: uploaded.body.id } } });
    expect((await gql(hub, query, { id: uploaded.body.id }, delivery)).data!.asset.id).toBe(uploaded.body.id);
  });

  it('is not to be framed: the preview and the IDE forbid frame ancestors', async () => {
    for (const path of ['/preview', '/graphql']) {
      const page = await request(hub.baseUrl).get(path).set('Accept', 'text/html');
      expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    }
  });

  it('limits requests per key with 429 and Retry-After', async () => {
    const preview = await createKey(hub, 'PREVIEW');
    const answers = await Promise.all(Array.from({ length: 40 }, () => request(hub.baseUrl).post('/graphql').set('Authorization', `Bearer ${preview}`).send({ query: '{ me { role } }' })));
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0].headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited[0].body.errors[0].extensions.code).toBe('RATE_LIMITED');
    // Another key is not affected by this key's bucket.
    expect((await gql(hub, '{ me { role } }', {}, delivery)).errors).toBeUndefined();
  });

  it('makes an address that keeps sending unknown keys wait, before each costs a lookup', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      statuses.push((await request(hub.baseUrl).post('/graphql').set('Authorization', `Bearer fct_guess-${attempt}`).send({ query: '{ me { role } }' })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });
});

describe('a request that outlasts its rendering time', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await createTestApp({ env: { HUB_RENDER_BUDGET_MS: '10' } });
  });
  afterAll(() => hub.close());

  it('gets the renderings made in time and a retry-safe UNAVAILABLE for the rest', async () => {
    const itemId = (await createPublishedItem(hub)).id;
    const answer = await gql(hub, aliases(8, itemId, 'letter'));
    expect(answer.status).toBe(200);
    const refusals = answer.errors ?? [];
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((error) => error.extensions?.code === 'UNAVAILABLE' && /rendering time \(10 ms\)/.test(error.message))).toBe(true);
  });
});
