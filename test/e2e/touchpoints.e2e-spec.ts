import { Client } from 'pg';
import request from 'supertest';
import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const RECORD = `mutation($events: [TouchpointInput!]!) { recordTouchpoints(events: $events) { accepted duplicates rejected { index eventId reason } } }`;
const HISTORY = `query($customerId: String!, $first: Int, $after: String) { touchpoints(customerId: $customerId, first: $first, after: $after) {
  edges { node { eventId type occurredAt channel theme itemId itemVersion arm personas value currency attributes } cursor } pageInfo { hasNextPage endCursor } } }`;
const TWEET = `query($input: PersonalizeInput!) { personalize(input: $input) { itemId itemVersion deliveryToken explanation { arm } } }`;
const MAX_LINES = 50;

describe('touchpoints', () => {
  let hub: TestApp;
  let db: Client;
  let delivery: string;
  let editor: string;
  let itemId: string;
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  /** The delivery token of a real tweet rendering for this customer. */
  async function tokenFor(customerId: string): Promise<{ token: string; arm: string; itemVersion: number }> {
    const { data, errors } = await gql(hub, TWEET, { input: { itemId, channel: 'tweet', context: { customerId, locale: 'nl', consents: ['tweet'] } } }, delivery);
    expect(errors).toBeUndefined();
    return { token: data!.personalize.deliveryToken, arm: data!.personalize.explanation.arm, itemVersion: data!.personalize.itemVersion };
  }

  function postNdjson(body: string, key: string = delivery, contentType = 'application/x-ndjson') {
    return request(hub.baseUrl).post('/touchpoints').set('Authorization', `Bearer ${key}`).set('Content-Type', contentType).send(body);
  }

  beforeAll(async () => {
    hub = await createTestApp({ seed: true, env: { HUB_MAX_TOUCHPOINT_LINES: String(MAX_LINES) } });
    db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    const { data } = await gql(hub, '{ contentItems(filter: { theme: "zomeractie", locale: "nl" }) { edges { node { id } } } }');
    itemId = data!.contentItems.edges[0].node.id;
    delivery = await createKey(hub, 'DELIVERY');
    editor = await createKey(hub, 'EDITOR');
  });
  afterAll(async () => {
    await db.end();
    await hub.close();
  });

  it('stores events attributed through the delivery token, and counts a replayed event once', async () => {
    const { token, arm, itemVersion } = await tokenFor('tp-1');
    const events = [
      { eventId: 'tp-1-delivered', type: 'DELIVERED', occurredAt: minutesAgo(10), deliveryToken: token },
      { eventId: 'tp-1-converted', type: 'CONVERTED', occurredAt: minutesAgo(5), deliveryToken: token, value: 49.95, currency: 'EUR', attributes: { orderId: 'o-1' } },
    ];
    const first = await gql(hub, RECORD, { events }, delivery);
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordTouchpoints).toEqual({ accepted: 2, duplicates: 0, rejected: [] });

    const replay = await gql(hub, RECORD, { events: [...events, events[0]] }, delivery);
    expect(replay.data!.recordTouchpoints).toEqual({ accepted: 0, duplicates: 3, rejected: [] });

    const { data } = await gql(hub, HISTORY, { customerId: 'tp-1' }, editor);
    expect(data!.touchpoints.edges.map((edge: { node: { eventId: string } }) => edge.node.eventId)).toEqual(['tp-1-converted', 'tp-1-delivered']);
    expect(data!.touchpoints.edges[0].node).toMatchObject({ type: 'CONVERTED', channel: 'tweet', theme: 'zomeractie', itemId, itemVersion, arm, value: 49.95, currency: 'EUR', attributes: { orderId: 'o-1' } });
  });

  it('refuses each bad event with its reason and keeps the good ones', async () => {
    const { token } = await tokenFor('tp-2');
    const tampered = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const events = [
      { eventId: 'tp-2-ok', type: 'OPENED', occurredAt: minutesAgo(1), deliveryToken: token },
      { eventId: 'tp-2-tampered', type: 'OPENED', occurredAt: minutesAgo(1), deliveryToken: tampered },
      { eventId: 'tp-2-foreign', type: 'OPENED', occurredAt: minutesAgo(1), deliveryToken: 'dt1.deadbeef.e30.AAAAAAAAAAAAAAAAAAAAAA' },
      { eventId: 'tp-2-future', type: 'OPENED', occurredAt: new Date(Date.now() + 3_600_000).toISOString(), deliveryToken: token },
      { eventId: 'tp-2-big', type: 'OPENED', occurredAt: minutesAgo(1), deliveryToken: token, attributes: { blob: 'x'.repeat(5000) } },
      { eventId: 'tp-2-nul', type: 'OPENED', occurredAt: minutesAgo(1), deliveryToken: token, attributes: { note: 'a\u0000b' } },
      { eventId: 'tp-2-dollars', type: 'CONVERTED', occurredAt: minutesAgo(1), deliveryToken: token, value: 10, currency: 'USD' },
      { eventId: 'tp-2-other-customer', type: 'OPENED', occurredAt: minutesAgo(1), deliveryToken: token, customerId: 'someone-else' },
      { eventId: 'tp-2-answer', type: 'RESPONDED', occurredAt: minutesAgo(1), customerId: 'tp-2', channel: 'letter', theme: 'zomeractie' },
      { eventId: 'tp-2-no-theme', type: 'RESPONDED', occurredAt: minutesAgo(1), customerId: 'tp-2', channel: 'letter' },
    ];
    const { data, errors } = await gql(hub, RECORD, { events }, delivery);
    expect(errors).toBeUndefined();
    const report = data!.recordTouchpoints;
    expect(report.accepted).toBe(2);
    const reasons = Object.fromEntries(report.rejected.map((rejection: { eventId: string; reason: string }) => [rejection.eventId, rejection.reason]));
    expect(reasons).toEqual({
      'tp-2-tampered': 'The delivery token has been altered',
      'tp-2-foreign': 'The delivery token was not issued by this hub',
      'tp-2-future': expect.stringMatching(/in the future/),
      'tp-2-big': expect.stringMatching(/attributes are larger than 4096 bytes/),
      'tp-2-nul': expect.stringMatching(/attributes may not contain the NUL character/),
      'tp-2-dollars': expect.stringMatching(/reports values in EUR/),
      'tp-2-other-customer': 'customerId is not the customer the delivery token was issued for',
      'tp-2-no-theme': 'an event without a deliveryToken needs customerId, channel and theme',
    });
    expect(report.rejected.find((rejection: { eventId: string }) => rejection.eventId === 'tp-2-tampered').index).toBe(1);
    const stored = await db.query("SELECT event_id FROM touchpoints WHERE customer_id = 'tp-2' ORDER BY event_id");
    expect(stored.rows.map((row) => row.event_id)).toEqual(['tp-2-answer', 'tp-2-ok']);
  });

  it('takes NDJSON, answering bad lines by number while good lines are kept', async () => {
    const { token } = await tokenFor('tp-3');
    const lines = [
      JSON.stringify({ eventId: 'tp-3-a', type: 'DELIVERED', occurredAt: minutesAgo(3), deliveryToken: token }),
      '{not json',
      '',
      JSON.stringify({ eventId: 'tp-3-b', type: 'SHARED', occurredAt: minutesAgo(3), deliveryToken: token }),
      JSON.stringify({ eventId: 'tp-3-c', type: 'CLICKED', occurredAt: '2026-12-01 09:00', deliveryToken: token }),
      JSON.stringify({ eventId: 'tp-3-d', type: 'CLICKED', occurredAt: minutesAgo(2), deliveryToken: token }),
      JSON.stringify({ eventId: 'tp-3-a', type: 'DELIVERED', occurredAt: minutesAgo(3), deliveryToken: token }),
    ];
    const response = await postNdjson(lines.join('\n') + '\n');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      accepted: 2,
      duplicates: 1,
      rejected: [
        { line: 2, eventId: null, reason: 'the line is not valid JSON' },
        { line: 4, eventId: 'tp-3-b', reason: expect.stringMatching(/^type must be one of DELIVERED, OPENED/) },
        { line: 5, eventId: 'tp-3-c', reason: expect.stringMatching(/ISO 8601/) },
      ],
    });
  });

  it('reads no more lines than a request may carry, and keeps the ones before', async () => {
    const { token } = await tokenFor('tp-4');
    const lines = Array.from({ length: MAX_LINES + 5 }, (_unused, index) => JSON.stringify({ eventId: `tp-4-${index}`, type: 'OPENED', occurredAt: minutesAgo(1), deliveryToken: token }));
    const response = await postNdjson(lines.join('\n'));
    expect(response.status).toBe(200);
    expect(response.body.accepted).toBe(MAX_LINES);
    expect(response.body.rejected).toEqual([{ line: MAX_LINES + 1, eventId: null, reason: expect.stringMatching(/this line and any after it were not read/) }]);
  });

  it('refuses a body that is not NDJSON, an overlong line, and keys that may not report', async () => {
    expect((await postNdjson('{}', delivery, 'application/json')).status).toBe(400);
    const overlong = await postNdjson(JSON.stringify({ eventId: 'x'.repeat(20_000) }));
    expect(overlong.status).toBe(200);
    expect(overlong.body.rejected[0].reason).toMatch(/longer than 16384 bytes/);
    const preview = await createKey(hub, 'PREVIEW');
    expect((await postNdjson('', preview)).status).toBe(403);
    expect(errorCode(await gql(hub, RECORD, { events: [] }, preview))).toBe('FORBIDDEN');
    expect(errorCode(await gql(hub, HISTORY, { customerId: 'tp-1' }, delivery))).toBe('FORBIDDEN');
    expect(errorCode(await gql(hub, 'mutation { forgetCustomer(customerId: "tp-1") { touchpointsDeleted } }', {}, editor))).toBe('FORBIDDEN');
  });

  it('pages through a customer history newest first', async () => {
    const { token } = await tokenFor('tp-5');
    const events = Array.from({ length: 7 }, (_unused, index) => ({ eventId: `tp-5-${index}`, type: 'OPENED', occurredAt: minutesAgo(20 - index), deliveryToken: token }));
    await gql(hub, RECORD, { events }, delivery);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { data: any } = await gql(hub, HISTORY, { customerId: 'tp-5', first: 3, after }, editor);
      seen.push(...page.data.touchpoints.edges.map((edge: { node: { eventId: string } }) => edge.node.eventId));
      after = page.data.touchpoints.pageInfo.hasNextPage ? page.data.touchpoints.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(['tp-5-6', 'tp-5-5', 'tp-5-4', 'tp-5-3', 'tp-5-2', 'tp-5-1', 'tp-5-0']);
    expect(errorCode(await gql(hub, HISTORY, { customerId: 'tp-5', after: 'bm9wZQ' }, editor))).toBe('BAD_USER_INPUT');
  });

  it('keeps rollups equal to a recount of the raw events after a concurrent, replaying burst', async () => {
    const tokens = await Promise.all(['tp-6a', 'tp-6b', 'tp-6c', 'tp-6d'].map((customer) => tokenFor(customer)));
    const types = ['DELIVERED', 'OPENED', 'CLICKED', 'CONVERTED', 'UNSUBSCRIBED'];
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    const bodies = Array.from({ length: 8 }, () =>
      Array.from({ length: 40 }, () => {
        const id = random(120);
        return JSON.stringify({ eventId: `tp-6-${id}`, type: types[id % types.length], occurredAt: minutesAgo(id * 43), deliveryToken: tokens[id % tokens.length].token, value: id % 5 === 3 ? id / 4 : undefined });
      }).join('\n'),
    );
    const answers = await Promise.all(bodies.map((body) => postNdjson(body)));
    expect(answers.every((answer) => answer.status === 200 && answer.body.rejected.length === 0)).toBe(true);
    const accepted = answers.reduce((sum, answer) => sum + answer.body.accepted, 0);
    const distinct = new Set(bodies.flatMap((body) => body.split('\n').map((line) => JSON.parse(line).eventId))).size;
    expect(accepted).toBe(distinct);

    for (const [table, period] of [['touchpoint_rollups', 'hour'], ['touchpoint_daily_rollups', 'day']]) {
      const rollups = await db.query(`SELECT ${period}, theme, item_id, variant_id, experiment, arm, channel, personas, locale, type, events::int, value::float8 FROM ${table} ORDER BY 1,2,3,4,5,6,7,8,9,10`);
      const recount = await db.query(`
        SELECT date_trunc('${period}', occurred_at, 'UTC') AS ${period}, coalesce(theme, '') AS theme, item_id, variant_id, coalesce(experiment, '') AS experiment, coalesce(arm, '') AS arm,
               channel, personas, coalesce(locale, '') AS locale, type, count(*)::int AS events, coalesce(sum(value), 0)::float8 AS value
        FROM touchpoints GROUP BY 1,2,3,4,5,6,7,8,9,10 ORDER BY 1,2,3,4,5,6,7,8,9,10`);
      expect({ table, rows: rollups.rows }).toEqual({ table, rows: recount.rows });
    }

    // A range of whole days plus odd hours at both ends reads both rollup tables: each channel and day must add up to the raw events of those hours.
    const editorKey = await createKey(hub, 'EDITOR', 'kpi-reader');
    const from = new Date(Date.now() - 3 * 86_400_000 - 5 * 3_600_000);
    from.setUTCMinutes(0, 0, 0);
    const to = new Date(Date.now() + 3_600_000);
    to.setUTCMinutes(0, 0, 0);
    const { data } = await gql(hub, 'query($filter: KpiFilter) { kpis(filter: $filter, groupBy: [CHANNEL, DAY]) { key { channel day } delivered opened clicked converted unsubscribed value } }', { filter: { from, to } }, editorKey);
    const raw = await db.query(
      `SELECT channel, to_char(date_trunc('day', occurred_at, 'UTC'), 'YYYY-MM-DD"T00:00:00.000Z"') AS day, count(*) FILTER (WHERE type = 'DELIVERED')::int AS delivered, count(*) FILTER (WHERE type = 'OPENED')::int AS opened, count(*) FILTER (WHERE type = 'CLICKED')::int AS clicked,
              count(*) FILTER (WHERE type = 'CONVERTED')::int AS converted, count(*) FILTER (WHERE type = 'UNSUBSCRIBED')::int AS unsubscribed, coalesce(sum(value), 0)::float8 AS value
       FROM touchpoints WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY 1, 2 ORDER BY 1, 2`,
      [from, to],
    );
    expect(raw.rows.length).toBeGreaterThan(1);
    expect(data!.kpis.map(({ key, ...counts }: { key: { channel: string; day: string } }) => ({ channel: key.channel, day: key.day, ...counts }))).toEqual(raw.rows);
  });

  it('forgets a customer: no raw event, attribute or answer of theirs is left; rollups keep counts', async () => {
    const { token } = await tokenFor('tp-forget-me');
    await gql(hub, RECORD, {
      events: [
        { eventId: 'forget-1', type: 'DELIVERED', occurredAt: minutesAgo(4), deliveryToken: token, attributes: { email: 'forget-me@example.com' } },
        { eventId: 'forget-2', type: 'RESPONDED', occurredAt: minutesAgo(3), customerId: 'tp-forget-me', channel: 'email', theme: 'zomeractie' },
      ],
    }, delivery);
    const rollupsBefore = await db.query('SELECT sum(events)::int AS events FROM touchpoint_rollups');
    const { data, errors } = await gql(hub, 'mutation { forgetCustomer(customerId: "tp-forget-me") { customerId touchpointsDeleted } }');
    expect(errors).toBeUndefined();
    expect(data!.forgetCustomer).toEqual({ customerId: 'tp-forget-me', touchpointsDeleted: 2 });
    for (const table of ['touchpoints', 'touchpoint_receipts', 'touchpoint_rollups', 'customer_answers']) {
      const traces = await db.query(`SELECT count(*)::int AS n FROM ${table} AS t WHERE to_jsonb(t)::text LIKE '%forget-me%'`);
      expect({ table, traces: traces.rows[0].n }).toEqual({ table, traces: 0 });
    }
    expect((await db.query('SELECT sum(events)::int AS events FROM touchpoint_rollups')).rows).toEqual(rollupsBefore.rows);
    const replay = await gql(hub, RECORD, { events: [{ eventId: 'forget-1', type: 'DELIVERED', occurredAt: minutesAgo(4), deliveryToken: token }] }, delivery);
    expect(replay.data!.recordTouchpoints).toMatchObject({ accepted: 0, duplicates: 1 });
  });
});
