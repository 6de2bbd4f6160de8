import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { loadConfig } from '../../src/config/app-config';
import { builtInRenderers } from '../../src/modules/channels/built-in-renderers';
import { DEFAULT_RENDERER_CONFIG } from '../../src/modules/channels/renderer-config';
import { GOLDEN_CUSTOMERS, GOLDEN_MESSAGE } from '../../src/modules/channels/test-fixtures/golden-message';
import { LOOPWERK_BRAND } from '../../src/modules/channels/test-fixtures/test-brand';
import { Tone } from '../../src/modules/personas/persona.types';
import { BENCH_ADMIN_KEY, recreateDatabase, startHub } from './support/hub-process';

/**
 * `npm run bench:campaign`: campaign runs of BENCH_CAMPAIGN_CUSTOMERS customers (default 100,000)
 * per channel through the real hub — NDJSON upload, chunks as jobs, output and print files
 * written — next to a raw baseline in the same run: a plain loop that only fills the compiled
 * template for each customer (no selection, no storage; for a print channel, into print files of
 * the run's batch size, as runs do). Reports customers/s,
 * the ratio to the baseline and the hub's peak RSS (VmHWM) over the whole run.
 */
const CUSTOMERS = Number(process.env.BENCH_CAMPAIGN_CUSTOMERS ?? 100_000);
const CHANNELS = (process.env.BENCH_CAMPAIGN_CHANNELS ?? 'inApp,sms,tweet,email,letter').split(',');
/** Letters per print file as the hub it starts has it (it inherits this environment, HUB_CAMPAIGN_PRINT_BATCH included). */
const PRINT_BATCH = loadConfig(process.env).campaignRuns.printBatch;
const TARGETS: Record<string, number> = { inApp: 5000, sms: 5000, tweet: 5000, email: 1500, letter: 150 };
const names = ['Sanne', 'Jan', 'Fatima', 'Kees', 'Ana', 'Lotte', 'Mohammed', 'Emma'];

async function gql(baseUrl: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_KEY}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

function customer(index: number): Record<string, unknown> {
  return {
    customerId: `bench-${index}`,
    locale: 'nl',
    consents: CHANNELS,
    attributes: { firstName: names[index % names.length], lastName: 'Jansen', address: { lines: [`Straat ${index}`], postalCode: String(1000 + ((index * 7919) % 9000)), city: 'Utrecht', country: 'NL' } },
  };
}

/** The NDJSON body, produced as it is sent, so the bench does not hold a million lines either. */
async function* audience(count: number): AsyncGenerator<Buffer> {
  for (let start = 0; start < count; start += 5000) {
    const lines: string[] = [];
    for (let index = start; index < Math.min(count, start + 5000); index += 1) lines.push(JSON.stringify(customer(index)));
    yield Buffer.from(`${lines.join('\n')}\n`);
  }
}

async function baselineRate(channel: string, count: number): Promise<number> {
  const renderer = builtInRenderers().find((candidate) => candidate.key === channel)!;
  const compiled = await renderer.compile({
    itemId: '00000000-0000-4000-8000-000000000001',
    itemVersion: 1,
    locale: 'nl',
    roles: GOLDEN_MESSAGE,
    overrides: {},
    tone: Tone.INFORMAL,
    images: {},
    config: DEFAULT_RENDERER_CONFIG,
    brand: LOOPWERK_BRAND,
  });
  const recipient = (index: number) => ({ attributes: { ...GOLDEN_CUSTOMERS.informal, firstName: names[index % names.length] }, now: new Date() });
  const started = performance.now();
  if (renderer.print) {
    for (let start = 0; start < count; start += PRINT_BATCH) {
      const file = await renderer.print.openFile();
      for (let index = start; index < Math.min(count, start + PRINT_BATCH); index += 1) file.append(compiled, recipient(index), { customerId: null, line: index + 1 });
      file.finish();
    }
  } else {
    for (let index = 0; index < count; index += 1) await compiled.fill(recipient(index));
  }
  return count / ((performance.now() - started) / 1000);
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server the bench may create a database on');
  const assets = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-bench-campaign-'));
  const hub = await startHub(await recreateDatabase(serverUrl, 'facet_bench_campaign'), 3811, { HUB_ASSETS_DIR: assets });
  try {
    const created = await gql(hub.baseUrl, 'mutation($input: CreateContentItemInput!) { createContentItem(input: $input) { id version } }', {
      input: { model: 'message', locale: 'nl', slug: 'bench-campaign', fields: { headline: GOLDEN_MESSAGE.headline, body: GOLDEN_MESSAGE.body, summary: GOLDEN_MESSAGE.summary }, metadata: { theme: 'bench' } },
    });
    const item = (await gql(hub.baseUrl, 'mutation($id: ID!, $version: Int!) { publishContentItem(id: $id, version: $version) { id } }', created.createContentItem)).publishContentItem;
    console.log(`${CUSTOMERS} customers, one hub process, ${os.cpus().length} cores`);
    console.log('channel'.padEnd(8), 'customers'.padStart(10), 'run/s'.padStart(9), 'target'.padStart(8), 'raw fill/s'.padStart(11), 'ratio'.padStart(7), 'upload s'.padStart(9), 'peak RSS MB'.padStart(12));
    for (const channel of CHANNELS) {
      const run = (await gql(hub.baseUrl, 'mutation($input: CreateCampaignRunInput!) { createCampaignRun(input: $input) { id } }', { input: { name: `bench-${channel}`, itemId: item.id, channel } })).createCampaignRun;
      const uploadStarted = performance.now();
      const upload = await fetch(`${hub.baseUrl}/campaign-runs/${run.id}/audience`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${BENCH_ADMIN_KEY}` },
        body: Readable.toWeb(Readable.from(audience(CUSTOMERS))) as ReadableStream,
        duplex: 'half',
      } as RequestInit & { duplex: 'half' });
      if (!upload.ok) throw new Error(`upload failed: ${upload.status} ${await upload.text()}`);
      const uploadSeconds = (performance.now() - uploadStarted) / 1000;
      await gql(hub.baseUrl, 'mutation($id: ID!) { startCampaignRun(id: $id) { id } }', { id: run.id });
      let state: any;
      let lastLog = 0;
      for (;;) {
        state = (await gql(hub.baseUrl, 'query($id: ID!) { campaignRun(id: $id) { state total done skipped failed ratePerSecond etaSeconds startedAt finishedAt } }', { id: run.id })).campaignRun;
        if (state.state !== 'RUNNING') break;
        if (performance.now() - lastLog > 10_000) {
          console.error(`  ${channel}: ${state.done}/${state.total}, ${state.ratePerSecond}/s, about ${state.etaSeconds ?? '?'} s left`);
          lastLog = performance.now();
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      if (state.state !== 'FINISHED' || state.done !== CUSTOMERS) throw new Error(`the ${channel} run ended ${state.state} with ${state.done}/${CUSTOMERS} rendered (${state.skipped} skipped, ${state.failed} failed)`);
      const rate = CUSTOMERS / ((Date.parse(state.finishedAt) - Date.parse(state.startedAt)) / 1000);
      const raw = await baselineRate(channel, Math.min(CUSTOMERS, 20_000));
      console.log(
        channel.padEnd(8),
        String(CUSTOMERS).padStart(10),
        rate.toFixed(0).padStart(9),
        `≥${TARGETS[channel] ?? '-'}`.padStart(8),
        raw.toFixed(0).padStart(11),
        `${((rate / raw) * 100).toFixed(1)}%`.padStart(7),
        uploadSeconds.toFixed(1).padStart(9),
        peakRssMb(hub.child.pid!).toFixed(0).padStart(12),
      );
    }
  } finally {
    await hub.stop();
    fs.rmSync(assets, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
