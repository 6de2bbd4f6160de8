import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { createItem, publishItem } from '../factories/content.factory';
import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';
import { eventually, startReceiver, WebhookReceiver } from '../setup/webhook-receiver';

const CREATE = 'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id url events secret enabled version } }';
const DELIVERIES = 'query($id: ID!) { webhookDeliveries(webhookId: $id, first: 50) { edges { node { eventId event attempt statusCode durationMs deliveredAt error } } } }';
const UPDATE_ITEM = 'mutation($id: ID!, $version: Int!, $input: UpdateContentItemInput!) { updateContentItem(id: $id, version: $version, input: $input) { version } }';

/** Tests let webhooks reach 127.0.0.1 and retry after one second instead of waiting minutes. */
const WEBHOOK_ENV = { HUB_WEBHOOK_ALLOW_PRIVATE: 'true', HUB_WEBHOOK_RETRY_BASE_MS: '1000', HUB_WEBHOOK_TIMEOUT_MS: '1500' };

async function createWebhook(hub: TestApp, url: string, events: string[]): Promise<{ id: string; secret: string; version: number }> {
  const result = await gql(hub, CREATE, { input: { url, events, description: 'test receiver' } });
  if (!result.data) throw new Error(`createWebhook failed: ${JSON.stringify(result.errors)}`);
  return result.data.createWebhook;
}

/** What a receiver does to trust a call, written as the README tells receivers to. */
function signatureVerifies(secret: string, headers: Record<string, any>, rawBody: string): boolean {
  const expected = `v1=${createHmac('sha256', secret).update(`${headers['facet-timestamp']}.${rawBody}`).digest('hex')}`;
  return headers['facet-signature'] === expected;
}

async function sql<T = any>(hub: TestApp, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: hub.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('webhooks', () => {
  let hub: TestApp;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    hub = await createTestApp({ env: WEBHOOK_ENV });
  });
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    for (const webhook of (await gql(hub, '{ webhooks { id version } }')).data!.webhooks) {
      await gql(hub, 'mutation($id: ID!, $version: Int!) { deleteWebhook(id: $id, version: $version) { id } }', webhook);
    }
  });
  afterAll(async () => {
    await hub.close();
  });

  it('posts a signed event with the item, that the receiver verifies with the secret shown once', async () => {
    const webhook = await createWebhook(hub, receiver.url, ['content.published']);
    expect(webhook.secret).toMatch(/^whsec_/);
    expect((await gql(hub, '{ webhooks { id secret enabled } }')).data!.webhooks).toEqual([{ id: webhook.id, secret: null, enabled: true }]);
    const item = await publishItem(hub, await createItem(hub, { locale: 'nl', metadata: { theme: 'zomeractie', channels: ['email', 'sms'] } }));

    await eventually(() => receiver.accepted().length === 1, 10_000, 'the publish event arrives');
    const [call] = receiver.calls;
    expect(signatureVerifies(webhook.secret, call.headers, call.rawBody)).toBe(true);
    expect(signatureVerifies('someone-elses-secret-of-enough-length', call.headers, call.rawBody)).toBe(false);
    expect(Math.abs(Number(call.headers['facet-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    expect(call.headers['facet-event-id']).toBe(call.body.id);
    expect(call.body).toMatchObject({
      type: 'content.published',
      data: { itemId: item.id, version: item.version, publishedVersion: item.version, theme: 'zomeractie', locale: 'nl', channels: ['email', 'sms'], status: 'PUBLISHED' },
    });
    expect(Date.parse(call.body.occurredAt)).not.toBeNaN();
    expect(call.body.data.links.graphql).toBe(`${hub.baseUrl}/graphql`);
    // Only the subscribed event: creating the item (content.created) was not sent.
    expect(receiver.calls.map((each) => each.body.type)).toEqual(['content.published']);

    const log = (await gql(hub, DELIVERIES, { id: webhook.id })).data!.webhookDeliveries.edges.map((edge: any) => edge.node);
    expect(log).toEqual([expect.objectContaining({ eventId: call.body.id, event: 'content.published', attempt: 1, statusCode: 204, error: null, deliveredAt: expect.any(String) })]);
  });

  it('retries a receiver that fails three times, which then gets the event accepted exactly once, and keeps the item order', async () => {
    const webhook = await createWebhook(hub, receiver.url, ['content.updated', 'content.published']);
    const failures = new Map<string, number>();
    receiver.answerWith((call) => {
      const seen = failures.get(call.body.id) ?? 0;
      if (call.body.type !== 'content.published' || seen >= 3) return 200;
      failures.set(call.body.id, seen + 1);
      return 503;
    });
    const item = await publishItem(hub, await createItem(hub));
    // While the publish event waits for its retries, two edits of the same item happen.
    let version = item.version;
    for (const headline of ['Eerste wijziging', 'Tweede wijziging']) {
      version = (await gql(hub, UPDATE_ITEM, { id: item.id, version, input: { fields: { headline } } })).data!.updateContentItem.version;
    }

    await eventually(() => receiver.accepted().length === 3, 40_000, 'the publish event (after three failures) and both edits are accepted');
    const accepted = receiver.accepted();
    expect(accepted.map((call) => call.body.type)).toEqual(['content.published', 'content.updated', 'content.updated']);
    expect(accepted.map((call) => call.body.data.version)).toEqual([item.version, item.version + 1, item.version + 2]);
    expect(new Set(accepted.map((call) => call.body.id)).size).toBe(3);
    const publishCalls = receiver.calls.filter((call) => call.body.type === 'content.published');
    expect(publishCalls.map((call) => call.status)).toEqual([503, 503, 503, 200]);
    expect(new Set(publishCalls.map((call) => call.body.id)).size).toBe(1);
    expect(publishCalls.map((call) => call.headers['facet-attempt'])).toEqual(['1', '2', '3', '4']);

    const log = (await gql(hub, DELIVERIES, { id: webhook.id })).data!.webhookDeliveries.edges.map((edge: any) => edge.node);
    const publishLog = log.filter((entry: any) => entry.event === 'content.published').reverse();
    expect(publishLog.map((entry: any) => [entry.attempt, entry.statusCode, entry.deliveredAt !== null])).toEqual([
      [1, 503, false],
      [2, 503, false],
      [3, 503, false],
      [4, 200, true],
    ]);
    expect(publishLog[0].error).toBe('answered 503');
    expect((await gql(hub, '{ webhooks { failingSince } }')).data!.webhooks[0].failingSince).toBeNull();
  }, 60_000);

  it('tells when a campaign run finished and when a variant changed', async () => {
    await createWebhook(hub, receiver.url, ['campaignRun.finished', 'variant.changed']);
    const item = await publishItem(hub, await createItem(hub, { metadata: { channels: ['sms'] } }));
    const run = (
      await gql(hub, 'mutation($input: CreateCampaignRunInput!) { createCampaignRun(input: $input) { id } }', {
        input: { name: 'webhook-run', itemId: item.id, channel: 'sms', audience: [{ customerId: 'w-1', locale: 'nl', consents: ['sms'] }] },
      })
    ).data!.createCampaignRun;
    const variant = await gql(hub, 'mutation($input: CreateVariantInput!) { createVariant(input: $input) { id } }', { input: { itemId: item.id, channel: 'sms', fields: { headline: 'Kort' } } });
    expect(variant.errors).toBeUndefined();
    await eventually(() => receiver.accepted().length === 2, 15_000, 'both events arrive');
    const byType = Object.fromEntries(receiver.accepted().map((call) => [call.body.type, call.body.data]));
    expect(byType['campaignRun.finished']).toMatchObject({ runId: run.id, name: 'webhook-run', channel: 'sms', total: 1, done: 1, skipped: 0, failed: 0 });
    expect(byType['variant.changed']).toMatchObject({ itemId: item.id, change: expect.stringMatching(/^variant .* \(sms\) created$/) });
  });

  it('sends nothing for a change that was refused', async () => {
    await createWebhook(hub, receiver.url, ['content.published']);
    const fine = await createItem(hub);
    const stale = await createItem(hub);
    const bulk = await gql(hub, 'mutation($items: [ItemVersionInput!]!) { publishContentItems(items: $items) { applied } }', {
      items: [
        { id: fine.id, version: fine.version },
        { id: stale.id, version: stale.version + 5 },
      ],
    });
    expect(bulk.data!.publishContentItems.applied).toBe(false);
    await publishItem(hub, stale);
    await eventually(() => receiver.accepted().length === 1, 10_000, 'the one committed publish arrives');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.calls.map((call) => call.body.data.itemId)).toEqual([stale.id]);
  });

  it('does not follow redirects, gives up on a slow receiver in time, and keeps answering meanwhile', async () => {
    const webhook = await createWebhook(hub, receiver.url, ['content.created']);
    receiver.answerWith(() => 302);
    await createItem(hub);
    await eventually(async () => (await gql(hub, DELIVERIES, { id: webhook.id })).data!.webhookDeliveries.edges.length >= 1, 10_000, 'the redirect is logged');
    const [redirected] = (await gql(hub, DELIVERIES, { id: webhook.id })).data!.webhookDeliveries.edges.map((edge: any) => edge.node);
    expect(redirected).toMatchObject({ statusCode: 302, deliveredAt: null, error: expect.stringMatching(/redirects are not followed/) });

    receiver.answerWith(() => 'hang');
    const slowHook = await createWebhook(hub, receiver.url, ['persona.changed']);
    await gql(hub, 'mutation { upsertPersona(input: { key: "traag", name: "Traag", tone: FORMAL }) { key } }');
    const started = Date.now();
    expect((await gql(hub, '{ me { role } }')).data!.me.role).toBe('ADMIN');
    expect(Date.now() - started).toBeLessThan(1000);
    await eventually(async () => (await gql(hub, DELIVERIES, { id: slowHook.id })).data!.webhookDeliveries.edges.length >= 1, 10_000, 'the timeout is logged');
    const [timedOut] = (await gql(hub, DELIVERIES, { id: slowHook.id })).data!.webhookDeliveries.edges.map((edge: any) => edge.node);
    expect(timedOut).toMatchObject({ event: 'persona.changed', statusCode: null, error: 'no answer within 1500 ms' });
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(1400);
  });

  it('disables a webhook that has failed for 24 hours and says so', async () => {
    const webhook = await createWebhook(hub, receiver.url, ['content.created']);
    receiver.answerWith(() => 500);
    // A day of failures, without waiting a day: the webhook has been failing since yesterday.
    await sql(hub, "UPDATE webhooks SET failing_since = now() - interval '25 hours' WHERE id = $1", [webhook.id]);
    await createItem(hub);
    await eventually(async () => (await gql(hub, '{ webhooks { enabled } }')).data!.webhooks[0].enabled === false, 10_000, 'the webhook is disabled');
    const [disabled] = (await gql(hub, '{ webhooks { enabled disabledReason failingSince version } }')).data!.webhooks;
    expect(disabled.disabledReason).toMatch(/every delivery since .* failed \(last: answered 500\)/);
    await createItem(hub);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.calls).toHaveLength(1);

    const enabled = await gql(hub, 'mutation($id: ID!, $version: Int!) { updateWebhook(id: $id, version: $version, input: { enabled: true }) { enabled disabledReason failingSince } }', { id: webhook.id, version: disabled.version });
    expect(enabled.data!.updateWebhook).toEqual({ enabled: true, disabledReason: null, failingSince: null });
  });

  it('refuses unknown events, bad URLs, stale versions and callers that are not ADMIN, storing nothing', async () => {
    const editor = await createKey(hub, 'EDITOR');
    expect(errorCode(await gql(hub, CREATE, { input: { url: receiver.url, events: ['content.published'] } }, editor))).toBe('FORBIDDEN');
    const unknown = await gql(hub, CREATE, { input: { url: receiver.url, events: ['content.exploded'] } });
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].message).toMatch(/"content.exploded" is not an event; choose from content.created, .*content.published/);
    for (const url of ['ftp://example.com/hook', 'not a url', 'https://user:pass@example.com/hook']) {
      expect(errorCode(await gql(hub, CREATE, { input: { url, events: ['content.published'] } }))).toBe('BAD_USER_INPUT');
    }
    expect(errorCode(await gql(hub, CREATE, { input: { url: receiver.url, events: ['content.published'], secret: 'short' } }))).toBe('BAD_USER_INPUT');
    const webhook = await createWebhook(hub, receiver.url, ['content.published']);
    expect(errorCode(await gql(hub, 'mutation($id: ID!) { updateWebhook(id: $id, version: 9, input: { description: "x" }) { id } }', { id: webhook.id }))).toBe('CONFLICT');
    expect(errorCode(await gql(hub, 'mutation { deleteWebhook(id: "not-a-uuid", version: 1) { id } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(hub, DELIVERIES, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect((await gql(hub, '{ webhooks { id } }')).data!.webhooks).toEqual([{ id: webhook.id }]);
  });
});

describe('webhook addresses without HUB_WEBHOOK_ALLOW_PRIVATE', () => {
  let hub: TestApp;
  beforeAll(async () => {
    hub = await createTestApp();
  });
  afterAll(async () => {
    await hub.close();
  });

  it.each(['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://10.0.0.5/hook', 'http://192.168.1.20/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/hook', 'http://[fe80::1]/hook', 'http://0.0.0.0/hook', 'http://[::ffff:127.0.0.1]/hook'])(
    'refuses %s with a clear reason',
    async (url) => {
      const result = await gql(hub, CREATE, { input: { url, events: ['content.published'] } });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0].message).toMatch(/private, loopback or link-local|cannot be resolved/);
      expect((await gql(hub, '{ webhooks { id } }')).data!.webhooks).toEqual([]);
    },
  );
});

describe('webhook delivery across restarts and instances', () => {
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('delivers an event committed before the hub was killed, after it restarts', async () => {
    const first = await createTestApp({ env: WEBHOOK_ENV });
    const port = receiver.port;
    await createWebhook(first, receiver.url, ['content.published']);
    // The receiver is down: the event is committed and waits for its retry when the hub dies.
    await receiver.close();
    const item = await publishItem(first, await createItem(first));
    await first.kill();
    receiver = await startReceiver(port);
    const restarted = await createTestApp({ env: WEBHOOK_ENV, databaseUrl: first.databaseUrl });
    try {
      await eventually(() => receiver.accepted().length === 1, 30_000, 'the event arrives after the restart');
      expect(receiver.accepted()[0].body).toMatchObject({ type: 'content.published', data: { itemId: item.id } });
    } finally {
      await restarted.close();
    }
  }, 60_000);

  it('two instances deliver every event once, never the same attempt twice', async () => {
    const first = await createTestApp({ env: WEBHOOK_ENV });
    const second = await createTestApp({ env: WEBHOOK_ENV, databaseUrl: first.databaseUrl });
    try {
      await createWebhook(first, receiver.url, ['content.created']);
      const items = await Promise.all(Array.from({ length: 40 }, (_, index) => createItem(index % 2 === 0 ? first : second)));
      await eventually(() => receiver.calls.length >= items.length, 30_000, 'every event arrives');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const deliveries = receiver.calls.map((call) => `${call.body.id}#${call.headers['facet-attempt']}`);
      expect(new Set(deliveries).size).toBe(deliveries.length);
      expect(receiver.calls).toHaveLength(items.length);
      expect(new Set(receiver.calls.map((call) => call.body.data.itemId))).toEqual(new Set(items.map((item) => item.id)));
    } finally {
      await second.close();
      await first.close();
    }
  }, 60_000);
});
