import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { BENCH_ADMIN_KEY, recreateDatabase, startHub } from './support/hub-process';
import { PERSONAS, seedDeliveryDataSet, themeLocale, THEMES } from './support/seed-delivery';

/**
 * `npm run bench`: delivery over HTTP with autocannon against the built hub, next to a raw
 * baseline (node:http + one primary-key SELECT on the same table), on a database seeded with
 * 10,000 published items, 50 personas and 2,000 variants: contentItem, personalize by id and by
 * selector, personalizeMany, and the headline substring search next to a raw sequential-scan
 * ILIKE. Each row runs BENCH_RUNS times after a warm-up; the table shows the median and the
 * spread. Needs DATABASE_URL (a server; the database `facet_bench_delivery` is recreated there).
 */
const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const VARIANTS = Number(process.env.BENCH_VARIANTS ?? 2_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const HUB_PORT = 3903;
const HUB_URL_PREFIX = `http://127.0.0.1:${HUB_PORT}`;
let hubPid = 0;
let baselinePid = 0;
let rowPeakRss = 0;
const BASELINE_PORT = 3904;

const FRAGMENTS = `channel itemId variantId text warnings explanation { reason arm }
  ... on TweetVariant { weightedLength } ... on InAppVariant { title body ctaUrl } ... on EmailVariant { subject preheader html }`;
const PERSONALIZE = `query($input: PersonalizeInput!) { personalize(input: $input) { ${FRAGMENTS} } }`;
const CONTENT_ITEM = `query($id: ID!) { contentItem(id: $id) { id version locale fields metadata { theme channels } } }`;
const SEARCH = `query($contains: String) { messages(filter: { headline: { contains: $contains } }, first: 20) { edges { node { id version locale fields { headline } } } } }`;
const PERSONALIZE_MANY = `query($requests: [PersonalizeInput!]!) { personalizeMany(requests: $requests) { variant { ${FRAGMENTS} } error { code message } } }`;
/** Customers per personalizeMany call in the batch row. */
const BATCH = 100;

interface Row {
  name: string;
  /** The row this one is compared with (by name); the PK baseline unless said otherwise. */
  baseline: string;
  requestsPerSecond: number;
  lowest: number;
  highest: number;
  p50: number;
  p99: number;
  errors: number;
  /** The hub's highest RSS while the row ran (0 for a baseline row). */
  peakRss: number;
  /**
   * CPU time of the serving process (the hub, or the baseline's node:http server) per request over
   * the measured runs, in µs: what a request costs the process, where requests/s also shows how
   * the load generator and PostgreSQL shared the machine. PostgreSQL's own time is not in it.
   */
  cpuPerRequest: number;
}

const PK_BASELINE = 'raw baseline (PK SELECT)';
const SEARCH_BASELINE = 'raw ILIKE (seq scan)';

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  const databaseUrl = await recreateDatabase(serverUrl, 'facet_bench_delivery');
  await seedDeliveryDataSet(databaseUrl, ITEMS, VARIANTS);
  const items = await publishedItems(databaseUrl);
  console.log(`Seeded ${ITEMS} published items, ${PERSONAS} personas, ${VARIANTS} variants`);

  const baseline = spawn(process.execPath, [path.resolve(__dirname, 'support/baseline-server.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(BASELINE_PORT) },
    stdio: 'inherit',
  });
  baselinePid = baseline.pid!;
  const hub = await startHub(databaseUrl, HUB_PORT);
  const rows: Row[] = [];
  // Idle: started, caches warmed, nothing asked yet.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const idleRss = rssOf(hub.child.pid!);
  hubPid = hub.child.pid!;
  const sampler = setInterval(() => (rowPeakRss = Math.max(rowPeakRss, rssOf(hubPid))), 200);
  try {
    const deliveryKey = await createDeliveryKey(hub.baseUrl);
    const auth = { authorization: `Bearer ${deliveryKey}` };
    await waitFor(`http://127.0.0.1:${BASELINE_PORT}/health`);
    rows.push(await run(PK_BASELINE, `http://127.0.0.1:${BASELINE_PORT}/`, {}, () => JSON.stringify({ id: pick(items).id })));
    rows.push(await run('contentItem(id)', `${hub.baseUrl}/graphql`, auth, () => JSON.stringify({ query: CONTENT_ITEM, variables: { id: pick(items).id } })));
    for (const channel of ['tweet', 'inApp', 'email']) {
      rows.push(
        await run(`${channel} by itemId`, `${hub.baseUrl}/graphql`, { authorization: `Bearer ${deliveryKey}` }, () => {
          const item = pick(items);
          return personalizeBody({ itemId: item.id, channel }, item.locale);
        }),
      );
      rows.push(
        await run(`${channel} by selector`, `${hub.baseUrl}/graphql`, { authorization: `Bearer ${deliveryKey}` }, () => {
          const theme = Math.floor(Math.random() * THEMES);
          return personalizeBody({ selector: { theme: `thema-${theme}` }, channel }, themeLocale(theme));
        }),
      );
    }
    // The same work as "tweet by itemId", a hundred customers per call: the row counts customers per second.
    const batch = await run(`tweet batch ×${BATCH}`, `${hub.baseUrl}/graphql`, { authorization: `Bearer ${deliveryKey}` }, () => {
      const requests = Array.from({ length: BATCH }, () => {
        const item = pick(items);
        return JSON.parse(personalizeBody({ itemId: item.id, channel: 'tweet' }, item.locale)).variables.input;
      });
      return JSON.stringify({ query: PERSONALIZE_MANY, variables: { requests } });
    });
    rows.push({ ...batch, name: `${batch.name} (customers/s)`, requestsPerSecond: batch.requestsPerSecond * BATCH, lowest: batch.lowest * BATCH, highest: batch.highest * BATCH, cpuPerRequest: batch.cpuPerRequest / BATCH });
    // One headline each: "richt 4711 voor" is in item 4711's headline only.
    const term = () => `richt ${1 + Math.floor(Math.random() * ITEMS)} voor`;
    rows.push(await run(SEARCH_BASELINE, `http://127.0.0.1:${BASELINE_PORT}/search`, {}, () => JSON.stringify({ contains: term() })));
    rows.push({ ...(await run('contains (pg_trgm index)', `${hub.baseUrl}/graphql`, auth, () => JSON.stringify({ query: SEARCH, variables: { contains: term() } }))), baseline: SEARCH_BASELINE });
  } finally {
    clearInterval(sampler);
    await hub.stop();
    baseline.kill();
    await once(baseline, 'exit');
  }
  printTable(rows, idleRss);
}

/** Customers ask in the content's language; Dutch ones in Belgian Dutch, so the locale fallback is exercised too. */
function personalizeBody(input: Record<string, unknown>, contentLocale: string): string {
  const customer = Math.floor(Math.random() * 100_000);
  return JSON.stringify({
    query: PERSONALIZE,
    variables: {
      input: {
        ...input,
        context: {
          customerId: `c-${customer}`,
          locale: contentLocale === 'nl' && customer % 2 === 0 ? 'nl-BE' : contentLocale,
          attributes: { firstName: 'Sanne', age: 20 + (customer % 50), segment: `segment-${customer % PERSONAS}` },
          consents: ['tweet', 'inApp', 'email', 'sms', 'letter'],
        },
      },
    },
  });
}

async function run(name: string, url: string, headers: Record<string, string>, body: () => string): Promise<Row> {
  const options = { url, method: 'POST' as const, headers: { 'content-type': 'application/json', ...headers }, connections: CONNECTIONS };
  let badAnswers = 0;
  // GraphQL answers errors with HTTP 200, so every body is checked: no errors, and data present.
  const requests: autocannon.Request[] = [
    // A batch answers each request's error inside its result ("code"), so those count as errors too.
    { setupRequest: (request) => ({ ...request, body: body() }), onResponse: (_status: number, responseBody: string) => void (!answered(responseBody) && (badAnswers += 1)) },
  ];
  await autocannon({ ...options, duration: 2, requests });
  badAnswers = 0;
  rowPeakRss = 0;
  const servingPid = url.startsWith(HUB_URL_PREFIX) ? hubPid : baselinePid;
  const cpuBefore = cpuSecondsOf(servingPid);
  const results: autocannon.Result[] = [];
  for (let index = 0; index < RUNS; index += 1) results.push(await autocannon({ ...options, duration: DURATION, requests }));
  const served = results.reduce((sum, result) => sum + result.requests.total, 0);
  const cpuPerRequest = ((cpuSecondsOf(servingPid) - cpuBefore) / served) * 1e6;
  const rates = results.map((result) => result.requests.average).sort((a, b) => a - b);
  const median = results.find((result) => result.requests.average === rates[Math.floor(rates.length / 2)])!;
  const errors = results.reduce((sum, result) => sum + result.errors + result.non2xx, 0) + badAnswers;
  const row = { name, baseline: PK_BASELINE, requestsPerSecond: median.requests.average, lowest: rates[0], highest: rates.at(-1)!, p50: median.latency.p50, p99: Math.max(...results.map((result) => result.latency.p99)), errors, peakRss: url.startsWith(HUB_URL_PREFIX) ? rowPeakRss : 0, cpuPerRequest };
  console.log(`${name}: ${Math.round(row.requestsPerSecond)} req/s (${rates.map(Math.round).join(', ')})`);
  return row;
}

function answered(body: string): boolean {
  if (body.includes('"errors"') || body.includes('"code"')) return false;
  const { data } = JSON.parse(body) as { data?: unknown };
  return data !== null && data !== undefined && !(Array.isArray(data) && data.length === 0);
}

function printTable(rows: Row[], idleRss: number): void {
  const rateOf = (name: string) => rows.find((row) => row.name === name)!.requestsPerSecond;
  console.log(`\ndelivery over HTTP, autocannon ${CONNECTIONS} connections, ${RUNS} runs of ${DURATION} s per row (median, lowest–highest), ${ITEMS} items\n`);
  console.log('scenario'.padEnd(32), 'req/s'.padStart(8), 'spread'.padStart(14), 'p50 ms'.padStart(7), 'p99 ms'.padStart(7), 'vs baseline'.padStart(14), 'errors'.padStart(7), 'hub RSS MB'.padStart(11), 'CPU µs/req'.padStart(11));
  for (const row of rows) {
    const ratio = row.name === row.baseline ? '100%' : `${((row.requestsPerSecond / rateOf(row.baseline)) * 100).toFixed(0)}%${row.baseline === PK_BASELINE ? '' : ' of ILIKE'}`;
    const spread = `${Math.round(row.lowest)}–${Math.round(row.highest)}`;
    const rss = row.peakRss ? (row.peakRss / 1024 / 1024).toFixed(0) : '';
    console.log(row.name.padEnd(32), String(Math.round(row.requestsPerSecond)).padStart(8), spread.padStart(14), String(row.p50).padStart(7), String(row.p99).padStart(7), ratio.padStart(14), String(row.errors).padStart(7), rss.padStart(11), String(Math.round(row.cpuPerRequest)).padStart(11));
  }
  const peak = Math.max(...rows.map((row) => row.peakRss));
  console.log(`\nhub RSS: idle ${(idleRss / 1024 / 1024).toFixed(0)} MB (5 s after start), peak under load ${(peak / 1024 / 1024).toFixed(0)} MB (highest per row in its column)`);
  console.log('CPU µs/req: time the serving process (hub, or the baseline server) spent per request, per customer in the batch row; PostgreSQL not included');
}

async function publishedItems(databaseUrl: string): Promise<{ id: string; locale: string }[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  // Items for everyone: one targeted at another persona would (rightly) answer NOT_FOUND.
  const { rows } = await client.query<{ id: string; locale: string }>("SELECT id, locale FROM content_items WHERE status = 'PUBLISHED' AND persona_tags = '{}'");
  await client.end();
  return rows;
}

async function createDeliveryKey(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_KEY}` },
    body: JSON.stringify({ query: 'mutation { createApiKey(name: "bench", role: DELIVERY) { secret } }' }),
  });
  return ((await response.json()) as { data: { createApiKey: { secret: string } } }).data.createApiKey.secret;
}

async function waitFor(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await fetch(url).then((response) => response.ok).catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** User and system CPU time of a process so far; /proc counts in ticks of 1/100 s on Linux. */
function cpuSecondsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

function pick<T>(values: T[]): T {
  return values[Math.floor(Math.random() * values.length)];
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
