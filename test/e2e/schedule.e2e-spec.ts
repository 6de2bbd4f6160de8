import { createItem, publishItem } from '../factories/content.factory';
import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';
import { eventually, startReceiver, WebhookReceiver } from '../setup/webhook-receiver';

const SCHEDULE = 'mutation($id: ID!, $version: Int!, $publishAt: DateTime, $unpublishAt: DateTime) { scheduleContentItem(id: $id, version: $version, publishAt: $publishAt, unpublishAt: $unpublishAt) { version status schedule { publishAt unpublishAt } } }';
const CANCEL = 'mutation($id: ID!, $version: Int!) { cancelSchedule(id: $id, version: $version) { version schedule { publishAt } } }';
const ITEM = 'query($id: ID!) { contentItem(id: $id) { status version publishedVersion schedule { publishAt unpublishAt } } }';
const REVISIONS = 'query($id: ID!) { revisions(itemId: $id) { revision author change } }';

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

describe('scheduled publishing on two instances', () => {
  let first: TestApp;
  let second: TestApp;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    const env = { HUB_WEBHOOK_ALLOW_PRIVATE: 'true' };
    first = await createTestApp({ env });
    second = await createTestApp({ env, databaseUrl: first.databaseUrl });
    receiver = await startReceiver();
    await gql(first, 'mutation($url: String!) { createWebhook(input: { url: $url, events: ["content.published", "content.unpublished", "content.scheduled"] }) { id } }', { url: receiver.url });
  });
  afterAll(async () => {
    await receiver.close();
    await second.close();
    await first.close();
  });

  it('publishes and later unpublishes once, within seconds, as the scheduler, with both instances running', async () => {
    const item = await createItem(first);
    const publishAt = inSeconds(3);
    const unpublishAt = inSeconds(6);
    const scheduled = (await gql(first, SCHEDULE, { id: item.id, version: item.version, publishAt, unpublishAt })).data!.scheduleContentItem;
    expect(scheduled).toEqual({ version: item.version + 1, status: 'DRAFT', schedule: { publishAt, unpublishAt } });

    await eventually(async () => (await gql(second, ITEM, { id: item.id })).data!.contentItem.status === 'PUBLISHED', 10_000, 'the item is published');
    const publishedAt = Date.now();
    expect(publishedAt - Date.parse(publishAt)).toBeLessThan(4000);
    await eventually(async () => (await gql(first, ITEM, { id: item.id })).data!.contentItem.status === 'DRAFT', 12_000, 'the item is unpublished again');
    await new Promise((resolve) => setTimeout(resolve, 2500));

    const { schedule, version } = (await gql(first, ITEM, { id: item.id })).data!.contentItem;
    const { revisions } = (await gql(first, REVISIONS, { id: item.id })).data!;
    expect(schedule).toBeNull();
    expect(version).toBe(item.version + 3);
    expect(revisions.slice(0, 2)).toEqual([
      { revision: item.version + 3, author: 'scheduler', change: `unpublish: as scheduled for ${unpublishAt}` },
      { revision: item.version + 2, author: 'scheduler', change: `publish: as scheduled for ${publishAt}` },
    ]);
    const events = receiver.accepted().filter((call) => call.body.data.itemId === item.id).map((call) => call.body.type);
    expect(events).toEqual(['content.scheduled', 'content.published', 'content.unpublished']);
  }, 40_000);

  it('publishes the draft of a live item at its time, and does nothing once the schedule is cancelled', async () => {
    const live = await publishItem(first, await createItem(first, { fields: { headline: 'Oud' } }));
    const edited = (await gql(first, 'mutation($id: ID!, $version: Int!) { updateContentItem(id: $id, version: $version, input: { fields: { headline: "Nieuw" } }) { version } }', { id: live.id, version: live.version })).data!.updateContentItem;
    await gql(first, SCHEDULE, { id: live.id, version: edited.version, publishAt: inSeconds(2) });

    const other = await createItem(first);
    const otherScheduled = (await gql(first, SCHEDULE, { id: other.id, version: other.version, publishAt: inSeconds(2) })).data!.scheduleContentItem;
    const cancelled = (await gql(second, CANCEL, { id: other.id, version: otherScheduled.version })).data!.cancelSchedule;
    expect(cancelled.schedule).toBeNull();

    await eventually(async () => (await gql(first, 'query($id: ID!) { contentItem(id: $id) { fields hasDraft } }', { id: live.id })).data!.contentItem.hasDraft === false, 10_000, 'the draft goes live');
    expect((await gql(first, 'query($id: ID!) { contentItem(id: $id) { fields } }', { id: live.id })).data!.contentItem.fields.headline).toBe('Nieuw');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await gql(first, ITEM, { id: other.id })).data!.contentItem).toMatchObject({ status: 'DRAFT', version: cancelled.version });
  }, 30_000);

  it('refuses a stale version, a time in the past, an unpublish before the publish and a DELIVERY key, changing nothing', async () => {
    const item = await createItem(first);
    const cases = [
      { variables: { id: item.id, version: item.version + 1, publishAt: inSeconds(60) }, code: 'CONFLICT' },
      { variables: { id: item.id, version: item.version, publishAt: inSeconds(-60) }, code: 'BAD_USER_INPUT', message: /publishAt .* is not in the future/ },
      { variables: { id: item.id, version: item.version, publishAt: inSeconds(120), unpublishAt: inSeconds(60) }, code: 'BAD_USER_INPUT', message: /unpublishAt must be later than publishAt/ },
      { variables: { id: item.id, version: item.version }, code: 'BAD_USER_INPUT', message: /Give publishAt, unpublishAt or both/ },
      { variables: { id: item.id, version: item.version, unpublishAt: inSeconds(60) }, code: 'BAD_USER_INPUT', message: /is not published/ },
      { variables: { id: item.id, version: item.version, publishAt: 'tomorrow' }, code: 'BAD_USER_INPUT' },
    ];
    for (const { variables, code, message } of cases) {
      const result = await gql(first, SCHEDULE, variables);
      expect(errorCode(result)).toBe(code);
      if (message) expect(result.errors![0].message).toMatch(message);
    }
    const delivery = await createKey(first, 'DELIVERY');
    expect(errorCode(await gql(first, SCHEDULE, { id: item.id, version: item.version, publishAt: inSeconds(60) }, delivery))).toBe('FORBIDDEN');
    expect(errorCode(await gql(first, CANCEL, { id: item.id, version: item.version }))).toBe('BAD_USER_INPUT');
    expect((await gql(first, ITEM, { id: item.id })).data!.contentItem).toMatchObject({ version: item.version, schedule: null });
  });
});

describe('a schedule across a hub restart', () => {
  it('is carried out by the restarted hub when its time passed while no hub ran', async () => {
    const hub = await createTestApp();
    const item = await createItem(hub);
    const publishAt = inSeconds(2);
    await gql(hub, SCHEDULE, { id: item.id, version: item.version, publishAt });
    await hub.kill();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const restarted = await createTestApp({ databaseUrl: hub.databaseUrl });
    try {
      await eventually(async () => (await gql(restarted, ITEM, { id: item.id })).data!.contentItem.status === 'PUBLISHED', 15_000, 'the overdue publish happens');
      expect((await gql(restarted, REVISIONS, { id: item.id })).data!.revisions[0]).toEqual({ revision: item.version + 2, author: 'scheduler', change: `publish: as scheduled for ${publishAt}` });
    } finally {
      await restarted.close();
    }
  }, 40_000);
});
