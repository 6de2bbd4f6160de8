import { createItem, publishItem } from '../factories/content.factory';
import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const RECORD = `mutation($events: [TouchpointInput!]!) { recordTouchpoints(events: $events) { accepted duplicates rejected { index reason } } }`;
const PERSONALIZE = `query($input: PersonalizeInput!) { personalize(input: $input) { channel itemId deliveryToken explanation { arm experiment experimentConcluded reason } } }`;
const KPIS = `query($filter: KpiFilter, $groupBy: [KpiDimension!]) { kpis(filter: $filter, groupBy: $groupBy) {
  key { theme itemId channel persona experiment arm locale day week } delivered opened clicked converted responded unsubscribed bounced value
  openRate clickRate clickToOpenRate conversionRate responseRate unsubscribeRate bounceRate } }`;
const EXPERIMENT = `query($key: String!, $goal: TouchpointType) { experiment(key: $key, goal: $goal) { key status goal winner verdict version minSamplePerArm
  arms { arm exposures conversions rate uplift upliftLow upliftHigh pValue probabilityBest } } }`;
const CONCLUDE = `mutation($key: String!, $arm: String!, $version: Int) { concludeExperiment(key: $key, arm: $arm, version: $version) { key status winner version } }`;
const THEME = 'kpi-test';
const EXPERIMENT_KEY = 'kpi-exp';
const CUSTOMERS = 80;

describe('KPIs and experiments', () => {
  let hub: TestApp;
  let delivery: string;
  let editor: string;
  let itemId: string;
  const armOf = new Map<string, string>();
  const sent = { tweet: { delivered: 0, converted: 0, value: 0 }, email: { delivered: 0, opened: 0, clicked: 0 } };
  const conversions = { A: 0, B: 0 };
  const exposures = { A: 0, B: 0 };
  const occurredAt = new Date(Date.now() - 3_600_000).toISOString();

  async function personalize(customerId: string, channel: string, extra: Record<string, unknown> = {}, key = delivery) {
    return gql(hub, PERSONALIZE, { input: { itemId, channel, context: { customerId, locale: 'nl', consents: ['tweet', 'email'], attributes: { age: 30, interests: ['running'] }, ...extra } } }, key);
  }

  beforeAll(async () => {
    hub = await createTestApp({ seed: true, env: { HUB_EXPERIMENT_MIN_SAMPLE: '20' } });
    delivery = await createKey(hub, 'DELIVERY');
    editor = await createKey(hub, 'EDITOR');
    const item = await createItem(hub, { metadata: { theme: THEME, channels: [] } });
    itemId = item.id;
    for (const label of ['A', 'B']) {
      const { errors } = await gql(hub, 'mutation($input: CreateVariantInput!) { createVariant(input: $input) { id } }', {
        input: { itemId, channel: 'tweet', fields: { text: `Arm ${label}: zomer! https://example.com/zomer` }, experiment: { key: EXPERIMENT_KEY, weight: 50 }, label },
      });
      expect(errors).toBeUndefined();
    }
    const { version } = (await gql(hub, 'query($id: ID!) { contentItem(id: $id) { version } }', { id: itemId })).data!.contentItem;
    await publishItem(hub, { id: itemId, version });

    const events: Record<string, unknown>[] = [];
    for (let index = 0; index < CUSTOMERS; index += 1) {
      const customerId = `kpi-${index}`;
      const tweet = (await personalize(customerId, 'tweet')).data!.personalize;
      const arm = tweet.explanation.arm as 'A' | 'B';
      armOf.set(customerId, arm);
      exposures[arm] += 1;
      events.push({ eventId: `${customerId}-tweet-delivered`, type: 'DELIVERED', occurredAt, deliveryToken: tweet.deliveryToken });
      sent.tweet.delivered += 1;
      // Arm B converts three in five customers, arm A one in five: a difference the test must call.
      if (index % 5 < (arm === 'B' ? 3 : 1)) {
        events.push({ eventId: `${customerId}-tweet-converted`, type: 'CONVERTED', occurredAt, deliveryToken: tweet.deliveryToken, value: 10 });
        conversions[arm] += 1;
        sent.tweet.converted += 1;
        sent.tweet.value += 10;
      }
      if (index % 2 === 0) {
        const email = (await personalize(customerId, 'email')).data!.personalize;
        events.push({ eventId: `${customerId}-email-delivered`, type: 'DELIVERED', occurredAt, deliveryToken: email.deliveryToken });
        events.push({ eventId: `${customerId}-email-opened`, type: 'OPENED', occurredAt, deliveryToken: email.deliveryToken });
        sent.email.delivered += 1;
        sent.email.opened += 1;
        if (index % 4 === 0) {
          events.push({ eventId: `${customerId}-email-clicked`, type: 'CLICKED', occurredAt, deliveryToken: email.deliveryToken });
          sent.email.clicked += 1;
        }
      }
    }
    const { data, errors } = await gql(hub, RECORD, { events }, delivery);
    expect(errors).toBeUndefined();
    expect(data!.recordTouchpoints).toEqual({ accepted: events.length, duplicates: 0, rejected: [] });
  });
  afterAll(() => hub.close());

  it('shows one theme across its channels side by side', async () => {
    const { data, errors } = await gql(hub, KPIS, { filter: { theme: THEME }, groupBy: ['CHANNEL'] }, editor);
    expect(errors).toBeUndefined();
    expect(data!.kpis).toEqual([
      expect.objectContaining({
        key: expect.objectContaining({ channel: 'email', theme: null }),
        delivered: sent.email.delivered,
        opened: sent.email.opened,
        clicked: sent.email.clicked,
        openRate: 1,
        clickRate: sent.email.clicked / sent.email.delivered,
        clickToOpenRate: sent.email.clicked / sent.email.opened,
        conversionRate: 0,
      }),
      expect.objectContaining({
        key: expect.objectContaining({ channel: 'tweet' }),
        delivered: sent.tweet.delivered,
        converted: sent.tweet.converted,
        value: sent.tweet.value,
        conversionRate: sent.tweet.converted / sent.tweet.delivered,
        openRate: 0,
      }),
    ]);
  });

  it('groups by arm, day, week and persona, and filters by persona (ungrouped: one row of totals, zeros when nothing matched)', async () => {
    const byArm = (await gql(hub, KPIS, { filter: { theme: THEME, channel: 'tweet' }, groupBy: ['ARM'] }, editor)).data!.kpis;
    expect(byArm.map((row: any) => [row.key.experiment, row.key.arm, row.delivered, row.converted])).toEqual([
      [EXPERIMENT_KEY, 'A', exposures.A, conversions.A],
      [EXPERIMENT_KEY, 'B', exposures.B, conversions.B],
    ]);
    const byDay = (await gql(hub, KPIS, { filter: { theme: THEME }, groupBy: ['DAY', 'WEEK'] }, editor)).data!.kpis;
    const day = new Date(occurredAt);
    day.setUTCHours(0, 0, 0, 0);
    expect(byDay).toHaveLength(1);
    expect(byDay[0].key.day).toBe(day.toISOString());
    expect(new Date(byDay[0].key.week).getUTCDay()).toBe(1);
    const byPersona = (await gql(hub, KPIS, { filter: { theme: THEME }, groupBy: ['PERSONA'] }, editor)).data!.kpis;
    expect(byPersona.map((row: any) => row.key.persona)).toContain('sportieve-sanne');
    const filtered = (await gql(hub, KPIS, { filter: { theme: THEME, persona: 'sportieve-sanne' } }, editor)).data!.kpis;
    expect(filtered[0].delivered).toBe(sent.tweet.delivered + sent.email.delivered);
    const nobody = (await gql(hub, KPIS, { filter: { theme: THEME, persona: 'nobody' } }, editor)).data!.kpis;
    expect(nobody).toEqual([expect.objectContaining({ delivered: 0, converted: 0, conversionRate: null, openRate: null })]);
  });

  it('refuses a reversed range, and KPIs to a DELIVERY key', async () => {
    expect(errorCode(await gql(hub, KPIS, { filter: { from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' } }, editor))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(hub, KPIS, {}, delivery))).toBe('FORBIDDEN');
    expect(errorCode(await gql(hub, EXPERIMENT, { key: EXPERIMENT_KEY }, delivery))).toBe('FORBIDDEN');
  });

  it("compares the experiment's arms and names the winner the test supports", async () => {
    const { data, errors } = await gql(hub, EXPERIMENT, { key: EXPERIMENT_KEY }, editor);
    expect(errors).toBeUndefined();
    const experiment = data!.experiment;
    expect(experiment).toMatchObject({ key: EXPERIMENT_KEY, status: 'RUNNING', goal: 'CONVERTED', version: 0, minSamplePerArm: 20 });
    const [a, b] = experiment.arms;
    expect(a).toMatchObject({ arm: 'A', exposures: exposures.A, conversions: conversions.A, uplift: null, pValue: null });
    expect(b).toMatchObject({ arm: 'B', exposures: exposures.B, conversions: conversions.B });
    expect(b.rate).toBeCloseTo(conversions.B / exposures.B, 10);
    expect(b.uplift).toBeCloseTo(conversions.B / exposures.B / (conversions.A / exposures.A) - 1, 10);
    expect(b.upliftLow).toBeLessThan(b.uplift);
    expect(b.upliftHigh).toBeGreaterThan(b.uplift);
    expect(b.pValue).toBeLessThan(0.05);
    expect(b.probabilityBest).toBeGreaterThan(0.95);
    expect(a.probabilityBest + b.probabilityBest).toBeCloseTo(1, 6);
    expect(experiment.winner).toBe('B');
    expect(experiment.verdict).toMatch(/^B wins/);

    const byClicks = (await gql(hub, EXPERIMENT, { key: EXPERIMENT_KEY, goal: 'CLICKED' }, editor)).data!.experiment;
    expect(byClicks).toMatchObject({ goal: 'CLICKED', winner: null });
    expect(errorCode(await gql(hub, EXPERIMENT, { key: 'no-such-experiment' }, editor))).toBe('NOT_FOUND');
    const list = (await gql(hub, `{ experiments { key status } }`, {}, editor)).data!.experiments;
    expect(list).toEqual(expect.arrayContaining([{ key: EXPERIMENT_KEY, status: 'RUNNING' }, { key: 'zomer-tweet', status: 'RUNNING' }]));
  });

  it('concludes an experiment: every customer then gets the winner, and the explanation says so', async () => {
    expect(errorCode(await gql(hub, CONCLUDE, { key: EXPERIMENT_KEY, arm: 'B' }, delivery))).toBe('FORBIDDEN');
    expect(errorCode(await gql(hub, CONCLUDE, { key: EXPERIMENT_KEY, arm: 'C', version: 0 }, editor))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(hub, CONCLUDE, { key: 'no-such-experiment', arm: 'A' }, editor))).toBe('NOT_FOUND');
    const { data, errors } = await gql(hub, CONCLUDE, { key: EXPERIMENT_KEY, arm: 'B', version: 0 }, editor);
    expect(errors).toBeUndefined();
    expect(data!.concludeExperiment).toEqual({ key: EXPERIMENT_KEY, status: 'CONCLUDED', winner: 'B', version: 1 });
    expect(errorCode(await gql(hub, CONCLUDE, { key: EXPERIMENT_KEY, arm: 'A', version: 0 }, editor))).toBe('CONFLICT');

    const customersOfA = [...armOf.entries()].filter(([, arm]) => arm === 'A').map(([customerId]) => customerId);
    expect(customersOfA.length).toBeGreaterThan(0);
    for (const customerId of customersOfA) {
      const explanation = (await personalize(customerId, 'tweet')).data!.personalize.explanation;
      expect(explanation).toMatchObject({ experiment: EXPERIMENT_KEY, arm: 'B', experimentConcluded: true });
      expect(explanation.reason).toMatch(/experiment kpi-exp, concluded: arm B won/);
    }
    expect((await gql(hub, EXPERIMENT, { key: EXPERIMENT_KEY }, editor)).data!.experiment).toMatchObject({ status: 'CONCLUDED', winner: 'B', verdict: expect.stringMatching(/^concluded by/) });
  });

  it('skips a theme the customer already answered when the context asks, and only then', async () => {
    const selector = { theme: THEME };
    const ask = (context: Record<string, unknown>) =>
      gql(hub, PERSONALIZE, { input: { selector, channel: 'email', context: { locale: 'nl', consents: ['email'], ...context } } }, delivery);
    expect((await ask({ customerId: 'answers-1', excludeAnsweredThemes: true })).data!.personalize.itemId).toBe(itemId);
    await gql(hub, RECORD, { events: [{ eventId: 'answers-1-responded', type: 'RESPONDED', occurredAt, customerId: 'answers-1', channel: 'letter', theme: THEME }] }, delivery);
    const skipped = await ask({ customerId: 'answers-1', excludeAnsweredThemes: true });
    expect(errorCode(skipped)).toBe('NOT_FOUND');
    expect(skipped.errors![0].message).toMatch(/on a theme the customer already answered \(kpi-test\)/);
    expect((await ask({ customerId: 'answers-1' })).data!.personalize.itemId).toBe(itemId);
    expect(errorCode(await ask({ excludeAnsweredThemes: true }))).toBe('BAD_USER_INPUT');
  });
});
