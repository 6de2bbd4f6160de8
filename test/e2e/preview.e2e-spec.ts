/// <reference lib="dom" />
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { createItem } from '../factories/content.factory';
import request from 'supertest';
import { createKey, createTestApp, gql, TestApp } from '../setup/test-app';

/** Debian's Chromium, driven by playwright-core: no browser download (.ci/run installs the package). */
const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = path.resolve(__dirname, '../../test-output');

describe('the preview page in a real browser', () => {
  let hub: TestApp;
  let browser: Browser;
  let previewKey: string;
  let demoId: string;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
    fs.mkdirSync(OUTPUT, { recursive: true });
    hub = await createTestApp({ seed: true });
    previewKey = await createKey(hub, 'PREVIEW');
    const { data } = await gql(hub, '{ contentItems(filter: { theme: "zomeractie", locale: "nl" }) { edges { node { id } } } }');
    demoId = data!.contentItems.edges[0].node.id;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${hub.baseUrl}/preview`);
    await page.getByLabel('API key (PREVIEW, EDITOR or ADMIN)').fill(previewKey);
    await page.getByRole('button', { name: 'Open the preview' }).click();
    await page.getByRole('heading', { name: 'Messages' }).waitFor();
  }

  /** Script errors and requests that leave the hub, collected while the page is used. */
  function watchForProblems(page: Page): string[] {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(hub.baseUrl)) problems.push(`outside request: ${request.url()}`);
    });
    return problems;
  }

  const letterText = (page: Page) => page.frameLocator('[data-channel="letter"] iframe').locator('body').innerText();

  it('logs in with a key kept out of the URL, opens the demo item and follows a persona switch', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page);
    expect(page.url()).not.toContain(previewKey);
    expect(await page.evaluate(() => sessionStorage.getItem('facet.previewKey'))).toBe(previewKey);
    await page.locator(`a[href="/preview/items/${demoId}"]`).click();
    await page.locator('[data-channel="letter"]').waitFor();
    const channels = (await gql(hub, '{ channels { key } }')).data!.channels.map((channel: { key: string }) => channel.key);
    for (const channel of channels) await page.locator(`[data-channel="${channel}"]`).waitFor();

    await page.locator('#c-persona').selectOption('meneer-de-vries');
    await expectEventually(() => letterText(page), /Geachte heer De Vries,/);
    const formalTweet = await page.locator('[data-channel="tweet"]').innerText();
    expect(formalTweet).toContain('automatic');

    await page.locator('#c-persona').selectOption('sportieve-sanne');
    await expectEventually(() => letterText(page), /Hoi Sanne,/);
    await expectEventually(() => page.locator('[data-channel="tweet"]').innerText(), /hand-written[\s\S]*zomer-tweet, arm [AB]/);
    expect(await page.locator('[data-channel="tweet"] .counter').innerText()).toMatch(/^\d+\/280$/);
    expect(await page.locator('[data-channel="sms"]').innerText()).toMatch(/segment/);
    await page.screenshot({ path: path.join(OUTPUT, 'preview-1280.png'), fullPage: true });

    await page.locator('#c-revision').selectOption('1');
    await page.locator('section[aria-label="Revision 1"] [data-channel="email"]').waitFor();
    expect(await page.locator('section.column').count()).toBe(2);
    await page.locator('#c-revision').selectOption('');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(OUTPUT, 'preview-390.png'), fullPage: true });
    await page.close();
  });

  it('marks drafts and never runs a script that content carries', async () => {
    const editor = await createKey(hub, 'EDITOR');
    const hostile = await createItem(
      hub,
      {
        fields: {
          headline: 'Kop <img src=x onerror="window.__xss=1">',
          body: 'Tekst <script>window.__xss=2</script>\n\n<img src=x onerror="window.__xss=3">\n\n[klik](javascript:window.__xss=4)',
          callToAction: { label: '<svg onload="window.__xss=5">', url: 'https://example.com' },
        },
      },
      editor,
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await signIn(page);
    await page.goto(`${hub.baseUrl}/preview/items/${hostile.id}`);
    await page.locator('[data-channel="email"] iframe').waitFor();
    await page.locator('[data-channel="letter"] iframe').waitFor();
    expect(await page.locator('#item-status').innerText()).toBe('DRAFT');
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toBe(0);
    expect(await page.locator('[data-channel="inApp"]').innerText()).toContain('Kop');
    await page.close();
  });

  it('shows a pending draft beside the live version', async () => {
    const editor = await createKey(hub, 'EDITOR');
    const item = await createItem(hub, { fields: { headline: 'Live kop', body: 'Tekst' } }, editor);
    const published = (await gql(hub, 'mutation($id: ID!, $version: Int!) { publishContentItem(id: $id, version: $version) { version } }', { id: item.id, version: item.version }, editor)).data!.publishContentItem;
    await gql(hub, 'mutation($id: ID!, $version: Int!) { updateContentItem(id: $id, version: $version, input: { fields: { headline: "Concept kop" } }) { version } }', { id: item.id, version: published.version }, editor);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await signIn(page);
    await page.goto(`${hub.baseUrl}/preview/items/${item.id}`);
    await expectEventually(() => page.locator('#item-status').innerText(), /^PUBLISHED · draft pending$/);
    const draft = page.getByRole('region', { name: `Draft (revision ${published.version + 1})` });
    const live = page.getByRole('region', { name: `Live (revision ${published.version})` });
    await expectEventually(() => draft.locator('[data-channel="sms"]').innerText(), /Concept kop/);
    await expectEventually(() => live.locator('[data-channel="sms"]').innerText(), /Live kop/);
    await page.screenshot({ path: path.join(OUTPUT, 'preview-draft-beside-live.png') });
    await page.close();
  });

  it("shows the demo theme's channels side by side and the tweet experiment's arms with their interval and verdict", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    const problems = watchForProblems(page);
    await signIn(page);
    await page.getByRole('link', { name: 'KPIs' }).click();
    await page.getByRole('heading', { name: 'Channels side by side' }).waitFor();
    const table = page.getByRole('table', { name: 'KPIs per channel' });
    await table.waitFor();
    const { data } = await gql(hub, '{ kpis(filter: { theme: "zomeractie" }, groupBy: [CHANNEL]) { key { channel } delivered } }', {}, previewKey);
    for (const row of data!.kpis) {
      await expect(table.getByRole('row', { name: new RegExp(`^${row.key.channel} ${row.delivered} `) }).count()).resolves.toBe(1);
    }
    expect(await page.locator('svg[aria-label="Rates per channel"] rect').count()).toBe(3 * data!.kpis.length);
    expect(await page.locator('svg[aria-label="Deliveries per day and channel"] polyline').count()).toBe(data!.kpis.length);

    const arms = page.getByRole('table', { name: 'Arms of zomer-tweet' });
    await arms.waitFor();
    expect(await arms.getByRole('row').count()).toBe(3);
    expect(await page.locator('svg[aria-label^="Uplift against A"] line.interval').count()).toBe(1);
    const experiment = (await gql(hub, '{ experiment(key: "zomer-tweet") { verdict } }', {}, previewKey)).data!.experiment;
    await page.getByText(experiment.verdict).waitFor();
    await page.screenshot({ path: path.join(OUTPUT, 'preview-kpis.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the calendar as a week and a month grid, with scheduled messages and conflicts', async () => {
    const editor = await createKey(hub, 'EDITOR');
    const DAY = 86_400_000;
    // A Monday at least a week ahead, so the scheduled publish stays in the future during the test.
    const today = Math.floor(Date.now() / DAY) * DAY;
    const monday = today + (((8 - new Date(today).getUTCDay()) % 7) + 7) * DAY;
    const at = (days: number, hours = 0) => new Date(monday + days * DAY + hours * 3_600_000).toISOString();
    const theme = `kalender-preview-${Date.now()}`;
    const metadata = { theme, personaTags: ['sportieve-sanne'], channels: ['sms'], priority: 3, validFrom: at(1), validUntil: at(3) };
    const first = await createItem(hub, { slug: 'kalender-een', metadata }, editor);
    const second = await createItem(hub, { slug: 'kalender-twee', metadata }, editor);
    for (const item of [first, second]) await gql(hub, 'mutation($id: ID!, $version: Int!) { publishContentItem(id: $id, version: $version) { id } }', { id: item.id, version: item.version }, editor);
    const reminder = await createItem(hub, { slug: 'kalender-herinnering', metadata: { theme, channels: ['email'], personaTags: [] } }, editor);
    await gql(hub, 'mutation($id: ID!, $version: Int!, $at: DateTime) { scheduleContentItem(id: $id, version: $version, publishAt: $at) { id } }', { id: reminder.id, version: reminder.version, at: at(4, 9) }, editor);

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems = watchForProblems(page);
    await signIn(page);
    await page.goto(`${hub.baseUrl}/preview/calendar?view=week&date=${at(0).slice(0, 10)}&theme=${theme}`);
    const week = page.getByRole('table', { name: `Week of ${at(0).slice(0, 10)}` });
    await week.waitFor();
    expect(await week.locator('td').count()).toBe(7);
    const cell = (days: number) => week.locator(`td[data-day="${at(days).slice(0, 10)}"]`);
    await expectEventually(() => cell(1).innerText(), /kalender-een \(nl\)/);
    expect(await cell(1).innerText()).toContain('kalender-twee (nl)');
    expect(await cell(0).locator('.entry').count()).toBe(0);
    expect(await cell(2).locator('.entry').count()).toBe(2);
    expect(await cell(3).locator('.entry').count()).toBe(0);
    expect(await cell(1).getAttribute('class')).toContain('has-conflict');
    expect(await cell(4).locator('.entry.scheduled').innerText()).toMatch(/kalender-herinnering[\s\S]*email[\s\S]*everyone[\s\S]*scheduled/);
    await page.getByText(/2 messages compete for persona sportieve-sanne on sms \(nl\)/).first().waitFor();

    await page.locator('#cal-view').selectOption('month');
    await page.getByRole('button', { name: 'Show' }).click();
    const month = page.getByRole('table', { name: `Month of ${at(0).slice(0, 7)}` });
    await month.waitFor();
    expect([28, 35, 42]).toContain(await month.locator('td').count());
    await page.screenshot({ path: path.join(OUTPUT, 'preview-calendar.png'), fullPage: true });
    await page.getByRole('button', { name: 'Next period' }).click();
    await page.getByRole('table', { name: /^Month of / }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows campaign runs with a progress bar that follows the run to the end', async () => {
    const editor = await createKey(hub, 'EDITOR');
    const item = await createItem(hub, { slug: 'run-in-preview', metadata: { channels: ['sms'] } }, editor);
    await gql(hub, 'mutation($id: ID!, $version: Int!) { publishContentItem(id: $id, version: $version) { id } }', { id: item.id, version: item.version }, editor);
    const run = (await gql(hub, 'mutation($input: CreateCampaignRunInput!) { createCampaignRun(input: $input) { id } }', { input: { name: 'preview-run', itemId: item.id, channel: 'sms' } }, editor)).data!.createCampaignRun;
    const lines = Array.from({ length: 2000 }, (_, index) => JSON.stringify({ customerId: `p-${index}`, locale: 'nl', consents: ['sms'] })).join('\n');
    await request(hub.baseUrl).post(`/campaign-runs/${run.id}/audience`).set('Authorization', `Bearer ${editor}`).set('content-type', 'application/x-ndjson').send(lines);
    for (const action of ['startCampaignRun', 'pauseCampaignRun']) await gql(hub, `mutation($id: ID!) { ${action}(id: $id) { state } }`, { id: run.id }, editor);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = watchForProblems(page);
    await signIn(page);
    await page.getByRole('link', { name: 'Campaign runs' }).click();
    const row = page.locator(`tr[data-run="${run.id}"]`);
    await expectEventually(() => row.innerText(), /preview-run\s+sms\s+PAUSED\s+\d+ %/);
    expect(await row.innerText()).not.toMatch(/100 %/);
    await gql(hub, 'mutation($id: ID!) { resumeCampaignRun(id: $id) { state } }', { id: run.id }, editor);
    await expectEventually(() => row.innerText(), /preview-run\s+sms\s+FINISHED\s+100 %\s+2000\s+0\s+0/, 20_000);
    expect(await page.getByRole('progressbar', { name: 'Progress of preview-run' }).getAttribute('value')).toBe('2000');
    await page.screenshot({ path: path.join(OUTPUT, 'preview-runs.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('serves the GraphQL IDE from the hub itself, with no outside requests', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(hub.baseUrl) && !request.url().startsWith('data:')) outside.push(request.url());
    });
    await page.goto(`${hub.baseUrl}/graphql`);
    await page.getByLabel('API key').fill(previewKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.locator('.graphiql-container').waitFor();
    expect(outside).toEqual([]);
    await page.close();
  });

  it('loads the schema and docs in the IDE once a key is pasted, and keeps the key out of the URL', async () => {
    const page = await browser.newPage();
    await page.goto(`${hub.baseUrl}/graphql`);
    await page.getByLabel('API key').fill('fct_not-a-key');
    await page.getByRole('button', { name: 'Use this key' }).click();
    await expectEventually(() => page.locator('#key-status').innerText(), /refused/);
    await page.getByLabel('API key').fill(previewKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await page.getByText('Root Types').waitFor();
    expect(await page.getByText('Error fetching schema').count()).toBe(0);
    await page.reload();
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await page.getByText('Root Types').waitFor();
    expect(page.url()).not.toContain(previewKey);
    await page.screenshot({ path: path.join(OUTPUT, 'graphql-ide.png') });
    await page.close();
  });
});

async function expectEventually(read: () => Promise<string>, pattern: RegExp, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await read().catch(() => '');
    if (pattern.test(last)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(last).toMatch(pattern);
}
