import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createItem, createPublishedItem } from '../factories/content.factory';
import { createTestApp, gql, TestApp } from '../setup/test-app';

const PERSONALIZE = 'query($input: PersonalizeInput!) { personalize(input: $input) { text itemVersion } }';
const UPDATE = 'mutation($id: ID!, $version: Int!, $input: UpdateContentItemInput!) { updateContentItem(id: $id, version: $version, input: $input) { version } }';

describe('two hub instances on one database', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await createTestApp();
    second = await createTestApp({ databaseUrl: first.databaseUrl });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('serves a change published on instance A from instance B within one second', async () => {
    const item = await createPublishedItem(first, { fields: { headline: 'Oude kop', body: 'Tekst' } });
    const input = { itemId: item.id, channel: 'sms', context: { locale: 'nl', consents: ['sms'] } };
    expect((await gql(second, PERSONALIZE, { input })).data!.personalize.text).toMatch(/^Oude kop/);
    const draft = (await gql(first, UPDATE, { id: item.id, version: item.version, input: { fields: { ...item.fields, headline: 'Nieuwe kop', body: 'Tekst' } } })).data!.updateContentItem;
    // The edit is a draft: customers keep getting the live version until it is published.
    expect((await gql(second, PERSONALIZE, { input })).data!.personalize.text).toMatch(/^Oude kop/);
    await gql(first, 'mutation($id: ID!, $version: Int!) { publishContentItem(id: $id, version: $version) { version } }', { id: item.id, version: draft.version });
    const started = Date.now();
    let text = '';
    while (Date.now() - started < 1000) {
      text = (await gql(second, PERSONALIZE, { input })).data!.personalize.text;
      if (text.startsWith('Nieuwe kop')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(text).toMatch(/^Nieuwe kop/);
  });

  it('stops serving on B what was unpublished on A', async () => {
    const item = await createPublishedItem(first);
    const input = { itemId: item.id, channel: 'sms', context: { locale: 'nl', consents: ['sms'] } };
    expect((await gql(second, PERSONALIZE, { input })).errors).toBeUndefined();
    await gql(first, 'mutation($id: ID!, $version: Int!) { unpublishContentItem(id: $id, version: $version) { version } }', { id: item.id, version: item.version });
    const started = Date.now();
    let code: string | undefined;
    while (Date.now() - started < 1000 && code !== 'NOT_FOUND') {
      code = (await gql(second, PERSONALIZE, { input })).errors?.[0]?.extensions?.code;
    }
    expect(code).toBe('NOT_FOUND');
  });
});

describe('batched reads', () => {
  let hub: TestApp;
  beforeAll(async () => {
    hub = await createTestApp({ env: { HUB_LOG_SQL: 'true' } });
  });
  afterAll(() => hub.close());

  it('loads a page of 50 items with their variants in a bounded number of queries', async () => {
    const theme = `batch-${Date.now()}`;
    for (let index = 0; index < 50; index += 1) {
      const item = await createItem(hub, { metadata: { theme } });
      await gql(hub, 'mutation($input: CreateVariantInput!) { createVariant(input: $input) { id } }', { input: { itemId: item.id, channel: 'sms', fields: { text: `Variant ${index}` } } });
    }
    const before = countQueries(hub.output());
    const { data } = await gql(hub, 'query($theme: String!) { contentItems(filter: { theme: $theme }, first: 50) { totalCount edges { node { id variants { id text: fields } } } } }', { theme });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const queries = countQueries(hub.output()) - before;
    expect(data!.contentItems.edges).toHaveLength(50);
    expect(data!.contentItems.edges.every((edge: any) => edge.node.variants.length === 1)).toBe(true);
    // One page query, one count, one query for all variants: not 50 more.
    expect(queries).toBeGreaterThanOrEqual(3);
    expect(queries).toBeLessThanOrEqual(4);
  });

  it('personalizes 30 items not yet in memory with their families, variants and items in one query each', async () => {
    const items = [];
    for (let index = 0; index < 30; index += 1) items.push(await createPublishedItem(hub, { fields: { headline: `Kop ${index}`, body: 'Tekst' } }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = hub.output().length;
    const requests = items.map((item) => ({ itemId: item.id, channel: 'sms', context: { locale: 'nl', consents: ['sms'] } }));
    const { data } = await gql(hub, 'query($requests: [PersonalizeInput!]!) { personalizeMany(requests: $requests) { variant { text } error { code } } }', { requests });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(data!.personalizeMany.map((result: any) => result.variant?.text)).toEqual(items.map((_item, index) => expect.stringMatching(new RegExp(`^Kop ${index}:`))));
    // Items, their live variants, their families: one query each, not thirty.
    const contentQueries = hub.output().slice(before).split('[SQL] query: ').slice(1).filter((query) => /content_items|channel_variants/.test(query));
    expect(contentQueries).toHaveLength(3);
  });
});

describe('a channel added as a plugin', () => {
  let hub: TestApp;
  beforeAll(async () => {
    const plugin = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'facet-plugin-')), 'push.renderer.js');
    fs.writeFileSync(
      plugin,
      `class PushRenderer {
        constructor() {
          this.key = 'push';
          this.description = 'A mobile push notification';
          this.constraints = [{ name: 'length', limit: 120, description: 'characters' }];
          this.overrideKeys = ['title'];
        }
        async compile(input) {
          const title = String(input.overrides.title || input.roles.headline || '');
          return { fill: (recipient) => {
            const text = (title + ' ' + (recipient.attributes.firstName || '')).trim().slice(0, 120);
            return { text, warnings: [], metrics: [{ name: 'length', value: text.length, limit: 120 }], parts: { title: text, badge: 1, personasAtStart: this.personaCount } };
          } };
        }
        // The hub calls onInit once at start-up with the injector: here it reads the personas through PersonasService.
        async onInit(context) {
          const { PersonasService } = require(${JSON.stringify(path.resolve(__dirname, '../../dist/src/modules/personas/personas.service.js'))});
          this.personaCount = (await context.get(PersonasService).list()).length;
        }
        validateOverride() {}
      }
      module.exports = { PushRenderer };`,
    );
    hub = await createTestApp({ env: { HUB_CHANNEL_PLUGINS: plugin } });
  });
  afterAll(() => hub.close());

  it('shows up in channels and renders through personalize as a generic variant, with no schema change, after its onInit reached a hub service', async () => {
    const channels = await gql(hub, '{ channels { key constraints { name limit } } }');
    expect(channels.data!.channels.map((channel: any) => channel.key)).toContain('push');
    const item = await createPublishedItem(hub, { fields: { headline: 'Zomer', body: 'x' } });
    const { data, errors } = await gql(hub, 'query($input: PersonalizeInput!) { personalize(input: $input) { __typename channel text ... on GenericVariant { parts } } }', {
      input: { itemId: item.id, channel: 'push', context: { locale: 'nl', consents: ['push'], attributes: { firstName: 'Sanne' } } },
    });
    expect(errors).toBeUndefined();
    expect(data!.personalize).toEqual({ __typename: 'GenericVariant', channel: 'push', text: 'Zomer Sanne', parts: { title: 'Zomer Sanne', badge: 1, personasAtStart: 0 } });
  });
});

function countQueries(output: string): number {
  return (output.match(/\[SQL\] query: /g) ?? []).length;
}
