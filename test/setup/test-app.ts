import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { cloneDatabase } from './test-database';

/**
 * e2e tests run the built hub (`npm run build` → dist/src/main.js) as a real process, exactly as
 * `npm start` does, and talk to it over HTTP. NestJS 12 ships only ES modules, which jest's module
 * system cannot load, so nothing of src/ that imports Nest is imported into a test.
 */
export const TEST_ADMIN_KEY = 'fct_test-admin-key-for-e2e-only';
const MAIN = path.resolve(__dirname, '../../dist/src/main.js');

export interface TestApp {
  baseUrl: string;
  adminKey: string;
  databaseUrl: string;
  /** Everything the hub printed, for tests that count what it logged. */
  output(): string;
  close(): Promise<void>;
  /** SIGKILL: the process dies mid-work, as in a crash or an OOM kill. */
  kill(): Promise<void>;
}

export interface TestAppOptions {
  /** Load the demo campaign (HUB_SEED) on this app's fresh database. */
  seed?: boolean;
  /** Reuse a database (e.g. a second instance on the same database); default: a fresh copy of the template. */
  databaseUrl?: string;
  env?: Record<string, string>;
}

/** The whole hub on a fresh, migrated database, listening on a free port. Nothing is mocked. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await cloneDatabase(templateDatabaseUrl()));
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HUB_ADMIN_KEY: TEST_ADMIN_KEY,
      HUB_SEED: options.seed ? 'true' : 'false',
      PORT: String(port),
      HUB_PUBLIC_URL: `http://127.0.0.1:${port}`,
      // Instances on one database share their asset files, as they would share a volume or bucket.
      HUB_ASSETS_DIR: path.join(os.tmpdir(), 'facet-test-assets', new URL(databaseUrl).pathname.slice(1)),
      NO_COLOR: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(baseUrl, child, () => output);
  return {
    baseUrl,
    adminKey: TEST_ADMIN_KEY,
    databaseUrl,
    output: () => output,
    close: () => stop(child),
    kill: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}

function templateDatabaseUrl(): string {
  const templateUrl = process.env.FACET_TEST_TEMPLATE_URL;
  if (!templateUrl) throw new Error('FACET_TEST_TEMPLATE_URL is unset: run e2e tests through jest (the e2e project of package.json sets it up)');
  return templateUrl;
}

export interface GraphqlResult<T = Record<string, any>> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; extensions?: Record<string, any>; path?: string[] }[] | undefined;
}

/** POST /graphql as a channel app or editor would; `key: null` sends no Authorization header. */
export async function gql<T = Record<string, any>>(
  hub: Pick<TestApp, 'baseUrl'>,
  query: string,
  variables: Record<string, unknown> = {},
  key: string | null = TEST_ADMIN_KEY,
): Promise<GraphqlResult<T>> {
  const call = request(hub.baseUrl).post('/graphql').set('Content-Type', 'application/json');
  if (key !== null) call.set('Authorization', `Bearer ${key}`);
  const response = await call.send({ query, variables });
  return { status: response.status, data: response.body?.data, errors: response.body?.errors };
}

export type KeyRole = 'ADMIN' | 'EDITOR' | 'PREVIEW' | 'DELIVERY';

/** A key of the given role, created through the API with the admin key. */
export async function createKey(hub: Pick<TestApp, 'baseUrl'>, role: KeyRole, name = `${role.toLowerCase()}-key`): Promise<string> {
  const result = await gql<{ createApiKey: { secret: string } }>(hub, 'mutation($name: String!, $role: Role!) { createApiKey(name: $name, role: $role) { secret } }', { name, role });
  if (!result.data) throw new Error(`could not create a ${role} key: ${JSON.stringify(result.errors)}`);
  return result.data.createApiKey.secret;
}

/** The code of the first error, for assertions. */
export function errorCode(result: GraphqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the hub exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the hub did not become healthy within 30 s:\n${output()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await once(child, 'exit');
  clearTimeout(timer);
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
