import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { decompressionBomb, NOT_AN_IMAGE, photo, sixteenBitBomb, SVG_WITH_SCRIPT, thinStrip, truncated } from '../../src/modules/assets/test-fixtures/hostile-files';
import { createPublishedItem } from '../factories/content.factory';
import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

describe('assets', () => {
  let hub: TestApp;
  let editor: string;
  const assetsDir = () => path.join(os.tmpdir(), 'facet-test-assets', new URL(hub.databaseUrl).pathname.slice(1));
  const filesOnDisk = () => (fs.existsSync(assetsDir()) ? fs.readdirSync(assetsDir(), { recursive: true }).filter((name) => fs.statSync(path.join(assetsDir(), String(name))).isFile()).length : 0);
  const upload = (data: Buffer, fields: Record<string, string> = { alt: 'Een loper', locale: 'nl' }, filename = 'foto.jpg', contentType = 'image/jpeg') => {
    const call = request(hub.baseUrl).post('/assets').set('Authorization', `Bearer ${editor}`).attach('file', data, { filename, contentType });
    for (const [name, value] of Object.entries(fields)) call.field(name, value);
    return call;
  };

  beforeAll(async () => {
    hub = await createTestApp({ env: { HUB_ASSET_MAX_BYTES: String(3 * 1024 * 1024) } });
    editor = await createKey(hub, 'EDITOR');
  });
  afterAll(() => hub.close());

  it('stores an upload once per content and answers its facts', async () => {
    const image = await photo(1600, 1200);
    const first = await upload(image, { alt: 'Een loper', locale: 'nl', focalX: '0.7', focalY: '0.3', tags: 'zomer,hardlopen' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ mediaType: 'image/jpeg', width: 1600, height: 1200, bytes: image.length, alt: { nl: 'Een loper' }, focalX: 0.7, tags: ['zomer', 'hardlopen'] });
    const again = await upload(image, { alt: 'Nog eens' }, 'kopie.jpg');
    expect(again.body.id).toBe(first.body.id);
  });

  it('serves channel renditions with strong ETags, long caching, HEAD and 304', async () => {
    const { body: asset } = await upload(await photo(4000, 3000), { alt: 'Groot', locale: 'nl' });
    const tweet = await request(hub.baseUrl).get(`/assets/${asset.id}/tweet`).buffer(true);
    expect(tweet.status).toBe(200);
    expect(tweet.headers['content-type']).toBe('image/jpeg');
    expect(tweet.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(await sharp(tweet.body).metadata()).toMatchObject({ width: 1200, height: 675 });
    const etag = tweet.headers.etag;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect((await request(hub.baseUrl).get(`/assets/${asset.id}/tweet`).set('If-None-Match', etag)).status).toBe(304);
    const head = await request(hub.baseUrl).head(`/assets/${asset.id}/email`);
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBeLessThanOrEqual(200_000);
    const inApp = await request(hub.baseUrl).get(`/assets/${asset.id}/inApp`).buffer(true);
    expect(await sharp(inApp.body).metadata()).toMatchObject({ width: 720, format: 'webp' });
    const custom = await request(hub.baseUrl).get(`/assets/${asset.id}/original?w=320&h=320&format=webp&fit=cover`).buffer(true);
    expect(await sharp(custom.body).metadata()).toMatchObject({ width: 320, height: 320, format: 'webp' });
    expect((await request(hub.baseUrl).get(`/assets/${asset.id}/original?w=99999`)).status).toBe(400);
    // Only listed sizes: one-pixel steps cannot fill the rendition cache.
    expect((await request(hub.baseUrl).get(`/assets/${asset.id}/original?w=17`)).status).toBe(400);
    expect((await request(hub.baseUrl).get(`/assets/${asset.id}/original?w=301`)).status).toBe(400);
    for (const profile of ['__proto__', 'constructor', 'toString']) expect((await request(hub.baseUrl).get(`/assets/${asset.id}/${profile}`)).status).toBe(400);
    expect((await request(hub.baseUrl).get(`/assets/${asset.id}/poster`)).status).toBe(400);
    expect((await request(hub.baseUrl).get('/assets/00000000-0000-4000-8000-000000000000/email')).status).toBe(404);
  });

  it('never upscales: a small original asked for at 2400 px stays its own size', async () => {
    const { body: asset } = await upload(await photo(200, 150), { alt: 'Klein' });
    for (const query of ['w=2400', 'w=2400&h=2400&fit=cover', 'w=2400&h=1920&fit=fill&format=avif']) {
      const answer = await request(hub.baseUrl).get(`/assets/${asset.id}/original?${query}`).buffer(true);
      expect(answer.status).toBe(200);
      const { width, height } = await sharp(answer.body).metadata();
      expect(width).toBeLessThanOrEqual(200);
      expect(height).toBeLessThanOrEqual(150);
    }
  });

  it('makes a missing rendition once, however many ask at the same time', async () => {
    const { body: asset } = await upload(await photo(3000, 2000), { alt: 'Gelijktijdig' });
    const answers = await Promise.all(Array.from({ length: 8 }, () => request(hub.baseUrl).get(`/assets/${asset.id}/inApp3x`).buffer(true)));
    expect(new Set(answers.map((answer) => answer.headers.etag)).size).toBe(1);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
  });

  it.each([
    ['a text file', async () => NOT_AN_IMAGE, 400],
    ['a truncated JPEG', truncated, 400],
    ['a decompression bomb', async () => decompressionBomb(), 400],
    ['a 16-bit image that would take 800 MB to decode', async () => sixteenBitBomb(), 400],
    ['a 25,000,000 × 4 strip', async () => thinStrip(), 400],
    ['an SVG with a script', async () => SVG_WITH_SCRIPT, 400],
    ['a file over the size limit', async () => Buffer.concat([await photo(100, 100), Buffer.alloc(4 * 1024 * 1024)]), 413],
  ])('refuses %s, keeps serving, and leaves nothing behind', async (_name, make, status) => {
    const before = filesOnDisk();
    const count = (await gql(hub, '{ assets(first: 100) { id } }')).data!.assets.length;
    const response = await upload(await make(), { alt: 'x' }, 'verdacht.jpg', 'image/jpeg');
    expect(response.status).toBe(status);
    if (status === 400) expect(response.body.error.code).toBe('BAD_USER_INPUT');
    expect(filesOnDisk()).toBe(before);
    expect((await gql(hub, '{ assets(first: 100) { id } }')).data!.assets).toHaveLength(count);
    expect((await request(hub.baseUrl).get('/health')).status).toBe(200);
  });

  it('answers a broken upload form with BAD_USER_INPUT and stores nothing', async () => {
    const before = filesOnDisk();
    const post = () => request(hub.baseUrl).post('/assets').set('Authorization', `Bearer ${editor}`);
    const cutShort = await post().set('Content-Type', 'multipart/form-data; boundary=xx').send('--xx\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc');
    const wrongField = await post().attach('image', await photo(50, 50), 'a.jpg').field('alt', 'x');
    const notAForm = await post().set('Content-Type', 'application/json').send({ alt: 'x' });
    for (const [response, message] of [[cutShort, /could not be read/], [wrongField, /field "file", not "image"/], [notAForm, /multipart\/form-data/]] as const) {
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'BAD_USER_INPUT', path: 'file' });
      expect(response.body.error.message).toMatch(message);
    }
    expect(filesOnDisk()).toBe(before);
  });

  it('does not trust the claimed media type, and requires alt text and an EDITOR key', async () => {
    const png = await photo(200, 100, 'png');
    const claimed = await upload(png, { alt: 'Logo' }, 'logo.jpg', 'image/jpeg');
    expect(claimed.body.mediaType).toBe('image/png');
    expect((await upload(await photo(50, 50), {})).status).toBe(400);
    const preview = await createKey(hub, 'PREVIEW');
    const refused = await request(hub.baseUrl).post('/assets').set('Authorization', `Bearer ${preview}`).attach('file', png, 'x.png').field('alt', 'x');
    expect(refused.status).toBe(403);
    expect((await request(hub.baseUrl).post('/assets').attach('file', png, 'x.png').field('alt', 'x')).status).toBe(401);
  });

  it('takes a GraphQL multipart upload too, and refuses a hostile one there as well', async () => {
    const operations = (alt: string) => JSON.stringify({ query: 'mutation($file: Upload!, $alt: JSON!) { uploadAsset(file: $file, alt: $alt, locale: "en") { id mediaType width height alt } }', variables: { file: null, alt } });
    const send = (data: Buffer, alt: string) =>
      request(hub.baseUrl)
        .post('/graphql')
        .set('Authorization', `Bearer ${editor}`)
        .set('apollo-require-preflight', 'true')
        .field('operations', operations(alt))
        .field('map', JSON.stringify({ 0: ['variables.file'] }))
        .attach('0', data, { filename: 'upload.png', contentType: 'image/png' });
    const uploaded = await send(await photo(320, 200, 'png'), 'A runner');
    expect(uploaded.body.errors).toBeUndefined();
    expect(uploaded.body.data.uploadAsset).toMatchObject({ mediaType: 'image/png', width: 320, height: 200, alt: { en: 'A runner' } });
    const hostile = await send(SVG_WITH_SCRIPT, 'x');
    expect(hostile.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(hostile.body.errors[0].message).toMatch(/SVG/);
  });

  it('gives every channel its own rendition, and refuses to delete an image content still uses', async () => {
    const { body: asset } = await upload(await photo(2400, 1600), { alt: 'Zomerbeeld', locale: 'nl' });
    const item = await createPublishedItem(hub, { fields: { image: { assetId: asset.id } } });
    const context = { locale: 'nl', consents: ['email', 'inApp', 'tweet'], attributes: { firstName: 'Sanne', density: 3 } };
    const email = await gql(hub, 'query($input: PersonalizeInput!) { personalize(input: $input) { ... on EmailVariant { html } } }', { input: { itemId: item.id, channel: 'email', context } });
    expect(email.data!.personalize.html).toContain(`/assets/${asset.id}/email`);
    expect(email.data!.personalize.html).toContain('alt="Zomerbeeld"');
    const inApp = await gql(hub, 'query($input: PersonalizeInput!) { personalize(input: $input) { ... on InAppVariant { imageUrl } } }', { input: { itemId: item.id, channel: 'inApp', context } });
    expect(inApp.data!.personalize.imageUrl).toBe(`${hub.baseUrl}/assets/${asset.id}/inApp3x`);
    const refused = await gql(hub, 'mutation($id: ID!) { deleteAsset(id: $id) { id } }', { id: asset.id });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0].message).toContain(item.slug);
    expect((await gql(hub, 'query($id: ID!) { asset(id: $id) { id } }', { id: asset.id })).data!.asset.id).toBe(asset.id);
  });
});
