import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/run-migrations';
import { buildMessageInput } from '../factories/content.factory';
import { createTestApp, errorCode, freePort, gql, TestApp } from '../setup/test-app';

/**
 * The faults the hub must survive, on a PostgreSQL of the test's own (never the machine's):
 * frozen (SIGSTOP), restarted, and killed with SIGKILL, each under a bounded mixed load.
 * What must hold: every write the hub acknowledged is there afterwards, no answer is a 500, and
 * /health tells the truth within a second and recovers.
 */
const LOAD_SECONDS = 6;
const WORKERS = 4;
const CREATE = 'mutation($input: CreateContentItemInput!) { createContentItem(input: $input) { id } }';

describe('database faults under load', () => {
  let dataDir: string;
  let port: number;
  let database: EmbeddedDatabase;
  let hub: TestApp;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-faults-'));
    port = await freePort();
    database = await startEmbeddedPostgres(dataDir, port);
    await runMigrations(database.url);
    hub = await createTestApp({ databaseUrl: database.url, env: { HUB_RATE_LIMIT_ADMIN: '100000' } });
  });

  afterAll(async () => {
    await hub?.close();
    await database?.stop();
    const cluster = fs.existsSync(path.join(dataDir, 'postgres')) ? fs.realpathSync(path.join(dataDir, 'postgres')) : null;
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (cluster && !cluster.startsWith(dataDir)) fs.rmSync(cluster, { recursive: true, force: true });
  });

  it('answers /health within a second while the database is frozen, refuses work as UNAVAILABLE, and recovers', async () => {
    signalCluster(database.pid, 'SIGSTOP');
    try {
      const started = Date.now();
      const health = await request(hub.baseUrl).get('/health');
      expect(Date.now() - started).toBeLessThan(1500);
      expect(health.status).toBe(503);
      expect(health.body.database.error).toBe('database unreachable');
      const write = await gql(hub, CREATE, { input: buildMessageInput() });
      expect(errorCode(write)).toBe('UNAVAILABLE');
      expect(write.errors![0].message).toMatch(/re-read/);
    } finally {
      signalCluster(database.pid, 'SIGCONT');
    }
    await waitUntilHealthy(hub);
  });

  it('loses no acknowledged write across a restart and a SIGKILL of the database', async () => {
    const acknowledged: string[] = [];
    const failures = new Map<string, number>();
    const unexpected: string[] = [];
    const deadline = Date.now() + LOAD_SECONDS * 1000;
    const worker = async () => {
      while (Date.now() < deadline) {
        const result = await gql(hub, CREATE, { input: buildMessageInput() }).catch(() => null);
        if (result?.data?.createContentItem) acknowledged.push(result.data.createContentItem.id);
        else {
          const code = result ? (errorCode(result) ?? `HTTP ${result.status}`) : 'no answer';
          if (code !== 'UNAVAILABLE') unexpected.push(`${code}: ${result?.errors?.[0]?.message ?? ''}`);
          failures.set(code, (failures.get(code) ?? 0) + 1);
        }
        await gql(hub, '{ contentItems(first: 5) { edges { node { id } } } }').catch(() => null);
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, worker));
    await delay(1000);
    await database.stop();
    database = await startEmbeddedPostgres(dataDir, port);
    await delay(1500);
    signalCluster(database.pid, 'SIGKILL');
    await delay(300);
    database = await startEmbeddedPostgres(dataDir, port);
    await load;
    await waitUntilHealthy(hub);

    expect(acknowledged.length).toBeGreaterThan(20);
    // Refusals during the outage are retry-safe ones, never an internal error.
    expect(unexpected).toEqual([]);
    const missing: string[] = [];
    for (const id of acknowledged) {
      const found = await gql(hub, 'query($id: ID!) { contentItem(id: $id) { id } }', { id });
      if (found.data?.contentItem?.id !== id) missing.push(id);
    }
    expect(missing).toEqual([]);
  });
});

/** The postmaster and its children: PostgreSQL backends start sessions of their own, so a process-group signal would miss them. */
function signalCluster(postmaster: number, signal: NodeJS.Signals): void {
  const children = fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // Field 4 of /proc/PID/stat is the parent pid; the command name before it may contain spaces, so read after its ')'.
        return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  for (const pid of [postmaster, ...children]) process.kill(pid, signal);
}

async function waitUntilHealthy(hub: TestApp): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if ((await request(hub.baseUrl).get('/health').catch(() => null))?.status === 200) return;
    await delay(200);
  }
  throw new Error('/health did not recover within 30 s');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
