import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresError, locatePostgresBinaries, PostgresRuntime, prepareRuntime } from './embedded-postgres-runtime';

export { EmbeddedPostgresError };

/** A real PostgreSQL started and stopped by the hub when no DATABASE_URL is given. */
export interface EmbeddedDatabase {
  url: string;
  /** The postmaster, leader of the server's process group (for fault tests that freeze or kill it). */
  pid: number;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'facet';
const USER = 'postgres';
const LEGACY_PASSWORD = 'facet';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * Starts PostgreSQL from the binaries of the `embedded-postgres` packages, with its cluster at
 * `dataDir/postgres` and its log at `dataDir/postgres.log`. As root, the server runs as an
 * unprivileged user from a place that user can reach (see embedded-postgres-runtime.ts).
 * A server left running by a hub that was killed is stopped and started again.
 * `log` receives progress lines; kept free of Nest so the test setup can start a server too.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void = () => undefined): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const runtime = prepareRuntime(await locatePostgresBinaries(), dataDir, log);
  const clusterExists = fs.existsSync(path.join(runtime.clusterDir, 'PG_VERSION'));
  const password = readOrCreatePassword(dataDir, clusterExists);
  if (!clusterExists) {
    log(`Initialising an embedded PostgreSQL in ${path.join(dataDir, 'postgres')}`);
    await initialiseCluster(runtime, password);
  }
  await stopOrphanedServer(runtime, log);
  await ensurePortIsFree(port);
  const logFile = path.join(dataDir, 'postgres.log');
  const server = await startServer(runtime, port, logFile);
  const urlOf = (database: string) => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  try {
    await waitUntilReady(server, urlOf('postgres'), logFile);
    await createDatabaseIfMissing(urlOf('postgres'));
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port}, data in ${path.join(dataDir, 'postgres')}`);
  // A hub that exits without closing (an uncaught error, process.exit) still takes its server down.
  const stopOnExit = () => server.exitCode === null && server.signalCode === null && server.kill('SIGINT');
  process.once('exit', stopOnExit);
  return {
    url: urlOf(DATABASE_NAME),
    pid: server.pid!,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await stopServer(server);
    },
  };
}

/** The superuser password, made once per data folder and kept beside the cluster (0600). */
function readOrCreatePassword(dataDir: string, clusterExists: boolean): string {
  const file = path.join(dataDir, 'postgres.password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  // Clusters made before the password file existed were initialised with this fixed password.
  if (clusterExists) return LEGACY_PASSWORD;
  const password = randomBytes(18).toString('base64url');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** initdb into a scratch folder that is renamed into place, so an interrupted first start leaves no half cluster. */
async function initialiseCluster(runtime: PostgresRuntime, password: string): Promise<void> {
  const scratch = `${runtime.clusterDir}.init-${randomBytes(4).toString('hex')}`;
  const passwordFile = path.join(path.dirname(runtime.clusterDir), `.pwfile-${randomBytes(4).toString('hex')}`);
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  runtime.handOver(passwordFile);
  try {
    const output = await run(runtime, runtime.binaries.initdb, [
      `--pgdata=${scratch}`,
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
    ]);
    if (output.code !== 0) {
      throw new EmbeddedPostgresError(`initdb could not create the embedded PostgreSQL cluster: ${lastMeaningfulLine(output.text)}`);
    }
    fs.renameSync(scratch, runtime.clusterDir);
  } finally {
    fs.rmSync(passwordFile, { force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * A hub killed with SIGKILL leaves its server running and its port taken. Its postmaster.pid
 * names it: when that process is a PostgreSQL serving this very cluster, it is shut down; a pid
 * file naming no live PostgreSQL is stale and removed.
 */
async function stopOrphanedServer(runtime: PostgresRuntime, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(runtime.clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !servesCluster(pid, runtime.clusterDir)) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  log(`Stopping the embedded PostgreSQL (pid ${pid}) that a previous hub left running`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      throw new EmbeddedPostgresError(`The embedded PostgreSQL left running by a previous hub (pid ${pid}) does not stop; stop it (kill ${pid}) and start again`);
    }
    await delay(100);
  }
}

/** Checked before starting: a client that found another server on the port would use that server's data. */
async function ensurePortIsFree(port: number): Promise<void> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new EmbeddedPostgresError(`Port ${port} is taken by another program, so the embedded PostgreSQL cannot listen; set HUB_EMBEDDED_PG_PORT to a free port or DATABASE_URL to your own PostgreSQL`)
          : new EmbeddedPostgresError(`The embedded PostgreSQL cannot listen on 127.0.0.1:${port} (${error.message}); set HUB_EMBEDDED_PG_PORT or DATABASE_URL`),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

function servesCluster(pid: number, clusterDir: string): boolean {
  try {
    const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return path.basename(commandLine[0]) === 'postgres' && commandLine.includes(clusterDir);
  } catch {
    return false;
  }
}

function startServer(runtime: PostgresRuntime, port: number, logFile: string): Promise<ChildProcess> {
  const logFd = fs.openSync(logFile, 'a', 0o600);
  const args = ['-D', runtime.clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  return new Promise((resolve, reject) => {
    // Its own process group: the hub decides when the server stops, after its own connections are closed.
    const child = spawn(runtime.binaries.postgres, args, { ...runtime.spawnOptions, stdio: ['ignore', logFd, logFd], detached: true });
    child.once('error', (error) => reject(new EmbeddedPostgresError(`The embedded PostgreSQL could not be started (${error.message}); set DATABASE_URL to use a PostgreSQL server of your own`)));
    child.once('spawn', () => resolve(child));
  }).finally(() => fs.closeSync(logFd)) as Promise<ChildProcess>;
}

async function waitUntilReady(server: ChildProcess, adminUrl: string, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) throw startFailure(logFile);
    const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new EmbeddedPostgresError(`The embedded PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s; see ${logFile}`);
    await delay(100);
  }
}

function startFailure(logFile: string): EmbeddedPostgresError {
  const reason = lastMeaningfulLine(fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-8192) : '');
  return new EmbeddedPostgresError(`The embedded PostgreSQL stopped while starting: ${reason || 'no reason logged'} (full log: ${logFile})`);
}

async function createDatabaseIfMissing(adminUrl: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}

/** SIGINT is PostgreSQL's fast shutdown: sessions end, the cluster is left consistent. */
async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGINT');
  const timer = setTimeout(() => server.kill('SIGQUIT'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function run(runtime: PostgresRuntime, command: string, args: string[]): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...runtime.spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout!.on('data', (chunk) => (text += chunk));
    child.stderr!.on('data', (chunk) => (text += chunk));
    child.once('error', (error) => reject(new EmbeddedPostgresError(`${path.basename(command)} could not be run (${error.message}); set DATABASE_URL to use a PostgreSQL server of your own`)));
    child.once('close', (code) => resolve({ code, text }));
  });
}

function lastMeaningfulLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.reverse().find((line) => /FATAL|ERROR|error|could not/.test(line)) ?? lines[0] ?? '';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
