import fc from 'fast-check';
import request from 'supertest';
import { createPublishedItem } from '../factories/content.factory';
import { createKey, createTestApp, gql, TestApp } from '../setup/test-app';

/** Text a hostile client sends: NUL bytes, lone surrogates, control characters, huge and odd numbers as text. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\u202e', '../../etc/passwd', "'; DROP TABLE content_items; --", '{{ customer.x | raw }}', '99999-01-01', 'NaN', '-0', '1e309', '__proto__', 'constructor'),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileText,
    fc.integer(),
    fc.constantFrom(2147483647, -2147483648, Number.MAX_SAFE_INTEGER, 1.5, -1, 0),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileText, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Operations with their variables left to the fuzzer; the documents themselves are valid. */
const OPERATIONS = [
  'query($id: ID!) { contentItem(id: $id) { id slug fields } }',
  'query($filter: ContentItemsFilter, $first: Int, $after: String) { contentItems(filter: $filter, first: $first, after: $after) { totalCount edges { cursor node { id } } } }',
  'query($input: PersonalizeInput!) { personalize(input: $input) { text warnings } }',
  'query($itemId: ID!, $context: CustomerContextInput!) { renderAll(itemId: $itemId, context: $context) { channel text } }',
  'mutation($input: CreateContentItemInput!) { createContentItem(input: $input) { id } }',
  'mutation($id: ID!, $version: Int!, $input: UpdateContentItemInput!) { updateContentItem(id: $id, version: $version, input: $input) { id } }',
  'mutation($input: UpsertPersonaInput!) { upsertPersona(input: $input) { key } }',
  'mutation($input: CreateVariantInput!) { createVariant(input: $input) { id } }',
  'query($key: String!) { persona(key: $key) { key } }',
  'query($itemId: ID!) { revisions(itemId: $itemId) { revision } }',
  'mutation($events: [TouchpointInput!]!) { recordTouchpoints(events: $events) { accepted duplicates rejected { index reason } } }',
  'query($filter: KpiFilter) { kpis(filter: $filter, groupBy: [CHANNEL, PERSONA, DAY]) { key { channel } delivered conversionRate } }',
  'query($key: String!) { experiment(key: $key) { key arms { arm rate } } }',
  'mutation($key: String!, $version: Int) { concludeExperiment(key: $key, arm: $key, version: $version) { key } }',
  'query($key: String!, $first: Int, $after: String) { touchpoints(customerId: $key, first: $first, after: $after) { edges { node { eventId } } } }',
  'mutation($input: UpsertBrandInput!) { upsertBrand(input: $input) { id } }',
  'mutation($items: [ItemVersionInput!]!) { publishContentItems(items: $items) { applied items { error { code } } } }',
  'query($first: Int) { contentHealth(first: $first) { itemId } }',
];

/** Variables shaped roughly like the real ones, so the fuzzer gets past the outer type checks and into the hub. */
function plausibleVariables(itemId: string): fc.Arbitrary<Record<string, unknown>> {
  const context = fc.record({ customerId: hostileText, locale: hostileText, personas: fc.array(hostileText, { maxLength: 3 }), attributes: hostileValue, consents: fc.array(fc.oneof(hostileText, fc.constantFrom('sms', 'email', 'letter')), { maxLength: 3 }), now: hostileText }, { requiredKeys: [] });
  return fc.record(
    {
      id: fc.oneof(fc.constant(itemId), hostileText),
      itemId: fc.oneof(fc.constant(itemId), hostileText, fc.constant(null)),
      first: fc.oneof(fc.integer(), fc.constantFrom(2147483647, 0, -1)),
      after: hostileText,
      version: fc.integer(),
      key: hostileText,
      filter: fc.record({ theme: hostileText, search: hostileText, tags: fc.array(hostileText, { maxLength: 3 }), locale: hostileText, model: hostileText, from: hostileText, to: hostileText, persona: hostileText }, { requiredKeys: [] }),
      items: fc.array(fc.record({ id: fc.oneof(fc.constant(itemId), hostileText), version: fc.integer() }), { maxLength: 3 }),
      events: fc.array(
        fc.record(
          {
            eventId: hostileText,
            type: fc.constantFrom('DELIVERED', 'CONVERTED', 'RESPONDED'),
            occurredAt: fc.oneof(hostileText, fc.constantFrom('2026-11-01T00:00:00Z', '1999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z')),
            deliveryToken: hostileText,
            customerId: hostileText,
            channel: fc.oneof(fc.constantFrom('sms', 'letter'), hostileText),
            theme: hostileText,
            value: fc.oneof(fc.double(), fc.constant(1e308)),
            currency: hostileText,
            attributes: hostileValue,
          },
          { requiredKeys: ['eventId', 'type', 'occurredAt'] },
        ),
        { maxLength: 4 },
      ),
      context,
      input: fc.record(
        {
          itemId: fc.oneof(fc.constant(itemId), hostileText, fc.constant(null)),
          channel: fc.oneof(fc.constantFrom('sms', 'letter', 'email', 'tweet'), hostileText),
          context,
          selector: fc.record({ theme: hostileText, tags: fc.array(hostileText, { maxLength: 2 }) }, { requiredKeys: [] }),
          model: fc.oneof(fc.constant('message'), hostileText),
          locale: fc.oneof(fc.constant('nl'), hostileText),
          slug: fc.oneof(fc.string({ maxLength: 20 }).map((text) => `fuzz-${text}`), hostileText),
          fields: hostileValue,
          metadata: hostileValue,
          key: hostileText,
          name: hostileText,
          tone: fc.constantFrom('FORMAL', 'INFORMAL', 'LOUD'),
          criteria: hostileValue,
          channelPreferences: fc.array(hostileText, { maxLength: 3 }),
          theme: hostileText,
          senderLines: fc.array(hostileText, { maxLength: 3 }),
          emailFooter: hostileText,
          version: fc.oneof(fc.integer(), fc.constant(0)),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );
}

/** Every byte percent-encoded: any text, lone surrogates included, becomes a path segment. */
function percentEncoded(text: string): string {
  return [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

function expectNoServerError(response: request.Response, what: string): void {
  if (response.status >= 500) throw new Error(`${what} answered ${response.status}: ${response.text.slice(0, 300)}`);
  expect(response.text).not.toMatch(/INTERNAL_SERVER_ERROR|\bat [\w.<>]+ \(|node_modules|\.js:\d+/);
}

describe('fuzzing the running hub with hostile input', () => {
  let hub: TestApp;
  let itemId: string;
  let editor: string;

  beforeAll(async () => {
    hub = await createTestApp({ env: { HUB_RATE_LIMIT_EDITOR: '100000' } });
    itemId = (await createPublishedItem(hub)).id;
    editor = await createKey(hub, 'EDITOR');
  });
  afterAll(() => hub.close());

  it('never answers 5xx or shows a stack to GraphQL variables, and writes nothing on a refusal', async () => {
    const written = { items: 0, personas: 0 };
    let reachedResolvers = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPERATIONS), plausibleVariables(itemId), async (query, variables) => {
        const response = await request(hub.baseUrl).post('/graphql').set('Authorization', `Bearer ${editor}`).send({ query, variables });
        expectNoServerError(response, query);
        if (response.body?.data || response.body?.errors?.some((error: { path?: unknown }) => error.path)) reachedResolvers += 1;
        if (response.body?.data?.createContentItem) written.items += 1;
        if (response.body?.data?.upsertPersona) written.personas += 1;
      }),
      { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 100_000) },
    );
    // Most inputs must get past GraphQL's own type checks, or the hub's code was never fuzzed.
    expect(reachedResolvers).toBeGreaterThan(50);
    const items = await gql(hub, '{ contentItems(first: 1) { totalCount } }');
    const personas = await gql(hub, '{ personas { key } }');
    // Every row is one the hub acknowledged: the published fixture plus each accepted create.
    expect(items.data!.contentItems.totalCount).toBe(1 + written.items);
    expect(personas.data!.personas.length).toBeLessThanOrEqual(written.personas);
    expect(hub.output()).not.toMatch(/ERROR.*\n\s+at /);
  });

  it('never answers 5xx to arbitrary HTTP bodies, content types and paths', async () => {
    const paths = fc.oneof(
      fc.constantFrom('/graphql', '/health', '/assets', '/preview', '/ide-assets/ide.js', '/touchpoints', '/preview/kpis'),
      fc.tuple(fc.constantFrom('/assets/', '/preview/assets/', '/preview/items/', '/ide-assets/'), hostileText).map(([base, rest]) => base + percentEncoded(rest)),
      fc.tuple(hostileText, hostileText).map(([id, profile]) => `/assets/${percentEncoded(id)}/${percentEncoded(profile)}?w=${percentEncoded(id)}`),
    );
    const bodies = fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.oneof(fc.json({ maxDepth: 3 }), hostileText), { maxLength: 5 }).map((lines) => lines.join('\n')), fc.json({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify({ query: '{ me { role } }', variables: value })));
    await fc.assert(
      fc.asyncProperty(paths, bodies, fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/x-ndjson'), fc.constantFrom('GET', 'POST'), async (path, body, contentType, method) => {
        const call = method === 'GET' ? request(hub.baseUrl).get(path) : request(hub.baseUrl).post(path).set('Content-Type', contentType).send(body);
        const response = await call.set('Authorization', `Bearer ${editor}`).set('apollo-require-preflight', 'true');
        expectNoServerError(response, `${method} ${path}`);
      }),
      { numRuns: 300 },
    );
  });
});
