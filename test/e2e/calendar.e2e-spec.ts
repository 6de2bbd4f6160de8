import { createItem, publishItem } from '../factories/content.factory';
import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const CALENDAR = `query($from: DateTime!, $to: DateTime!, $filter: CalendarFilterInput) {
  calendar(from: $from, to: $to, filter: $filter) { day entries { itemId slug theme locale channels personaTags status scheduled priority } runs { runId name channel state itemId total } conflicts { day reason itemIds } }
}`;

const DAY = 86_400_000;

describe('the content calendar', () => {
  let hub: TestApp;
  /** Midnight UTC ten days from now: the week the test plans. */
  let base: number;
  const at = (days: number, hours = 0) => new Date(base + days * DAY + hours * 3_600_000).toISOString();
  const date = (days: number) => at(days).slice(0, 10);
  let ids: Record<string, string>;

  beforeAll(async () => {
    hub = await createTestApp();
    base = Math.floor(Date.now() / DAY) * DAY + 10 * DAY;
    await gql(hub, 'mutation { upsertPersona(input: { key: "kalender-sporter", name: "Sporter", tone: INFORMAL, channelPreferences: ["sms", "inApp"] }) { key } }');
    const theme = `kalender-${Date.now()}`;
    const teaser = await publishItem(hub, await createItem(hub, { metadata: { theme, personaTags: ['kalender-sporter'], channels: ['sms'], priority: 5, validFrom: at(1), validUntil: at(4) } }));
    const rival = await publishItem(hub, await createItem(hub, { metadata: { theme, personaTags: ['kalender-sporter'], channels: ['sms'], priority: 5, validFrom: at(2), validUntil: at(3) } }));
    const mail = await createItem(hub, { metadata: { theme, personaTags: [], channels: ['email'], priority: 1 } });
    await gql(hub, 'mutation($id: ID!, $version: Int!, $publishAt: DateTime, $unpublishAt: DateTime) { scheduleContentItem(id: $id, version: $version, publishAt: $publishAt, unpublishAt: $unpublishAt) { version } }', {
      id: mail.id,
      version: mail.version,
      publishAt: at(3, 10),
      unpublishAt: at(6),
    });
    const run = await gql(hub, 'mutation($input: CreateCampaignRunInput!) { createCampaignRun(input: $input) { id } }', {
      input: { name: 'kalender-sms', itemId: teaser.id, channel: 'sms', now: at(2, 12), audience: [{ customerId: 'k-1', locale: 'nl', consents: ['sms'] }] },
    });
    ids = { teaser: teaser.id, rival: rival.id, mail: mail.id, theme, run: run.data!.createCampaignRun.id };
  });
  afterAll(async () => {
    await hub.close();
  });

  it('shows per day what is live or scheduled, on which channel, for which personas', async () => {
    const { data, errors } = await gql(hub, CALENDAR, { from: at(0), to: at(7), filter: { theme: ids.theme } });
    expect(errors).toBeUndefined();
    const days = data!.calendar;
    expect(days.map((day: any) => day.day)).toEqual([0, 1, 2, 3, 4, 5, 6].map(date));
    const onDay = (index: number) => days[index].entries.map((entry: any) => entry.itemId).sort();
    expect(onDay(0)).toEqual([]);
    expect(onDay(1)).toEqual([ids.teaser]);
    expect(onDay(2)).toEqual([ids.teaser, ids.rival].sort());
    expect(onDay(3)).toEqual([ids.teaser, ids.mail].sort());
    expect(onDay(5)).toEqual([ids.mail]);
    expect(onDay(6)).toEqual([]);
    const mail = days[3].entries.find((entry: any) => entry.itemId === ids.mail);
    expect(mail).toMatchObject({ channels: ['email'], personaTags: [], status: 'DRAFT', scheduled: true, locale: 'nl', theme: ids.theme });
    expect(days[1].entries[0]).toMatchObject({ channels: ['sms'], personaTags: ['kalender-sporter'], status: 'PUBLISHED', scheduled: false, priority: 5 });
    expect(days.map((day: any) => day.runs.map((run: any) => run.runId))).toEqual([[], [], [ids.run], [], [], [], []]);
    expect(days[2].runs[0]).toMatchObject({ name: 'kalender-sms', channel: 'sms', itemId: ids.teaser, total: 1 });
  });

  it('flags two messages competing for one persona, channel and locale, and a preferred channel the theme leaves empty', async () => {
    const days = (await gql(hub, CALENDAR, { from: at(0), to: at(7), filter: { theme: ids.theme } })).data!.calendar;
    const conflicts = days.flatMap((day: any) => day.conflicts);
    expect(conflicts.filter((conflict: any) => /compete/.test(conflict.reason))).toEqual([
      { day: date(2), reason: expect.stringMatching(/^2 messages compete for persona kalender-sporter on sms \(nl\) with equal priority 5/), itemIds: [ids.teaser, ids.rival].sort() },
    ]);
    expect(conflicts.filter((conflict: any) => /prefers/.test(conflict.reason))).toEqual([
      { day: date(1), reason: `Persona kalender-sporter prefers inApp, but theme ${ids.theme} has nothing on inApp for them from ${date(1)} to ${date(5)}`, itemIds: [ids.teaser, ids.rival, ids.mail].sort() },
    ]);
  });

  it('filters by channel and persona', async () => {
    const sms = (await gql(hub, CALENDAR, { from: at(0), to: at(7), filter: { theme: ids.theme, channel: 'email' } })).data!.calendar;
    expect(new Set(sms.flatMap((day: any) => day.entries.map((entry: any) => entry.itemId)))).toEqual(new Set([ids.mail]));
    const persona = (await gql(hub, CALENDAR, { from: at(0), to: at(7), filter: { theme: ids.theme, persona: 'someone-else' } })).data!.calendar;
    expect(new Set(persona.flatMap((day: any) => day.entries.map((entry: any) => entry.itemId)))).toEqual(new Set([ids.mail]));
  });

  it('refuses a reversed or too long period, an unknown channel and a DELIVERY key', async () => {
    expect(errorCode(await gql(hub, CALENDAR, { from: at(7), to: at(0) }))).toBe('BAD_USER_INPUT');
    const long = await gql(hub, CALENDAR, { from: at(0), to: at(400) });
    expect(errorCode(long)).toBe('BAD_USER_INPUT');
    expect(long.errors![0].message).toMatch(/at most 366 days/);
    expect(errorCode(await gql(hub, CALENDAR, { from: at(0), to: at(7), filter: { channel: 'fax' } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(hub, CALENDAR, { from: at(0), to: at(7) }, await createKey(hub, 'DELIVERY')))).toBe('FORBIDDEN');
  });
});
