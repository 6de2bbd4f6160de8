import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { findProjectRoot } from '../../../src/config/app-config';

const NODE_OPTIONS = (JSON.parse(fs.readFileSync(path.join(findProjectRoot(), 'package.json'), 'utf8')) as { config: { nodeOptions: string } }).config.nodeOptions.split(' ');

/** Benchmarks drive the built hub as a separate process, like a deployment would. */
export interface HubProcess {
  baseUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startHub(databaseUrl: string, port: number, env: Record<string, string> = {}): Promise<HubProcess> {
  // Started as `npm start` starts it, with the same V8 settings.
  const child = spawn(process.execPath, [...NODE_OPTIONS, path.resolve(__dirname, '../../../src/main.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HUB_SEED: 'false', HUB_ADMIN_KEY: BENCH_ADMIN_KEY, NODE_ENV: 'production', HUB_RATE_LIMIT_DELIVERY: '1000000', HUB_RATE_LIMIT_ADMIN: '1000000', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the hub exited with code ${child.exitCode}`);
    const healthy = await fetch(`${baseUrl}/health`).then((response) => response.ok).catch(() => false);
    if (healthy) {
      return {
        baseUrl,
        child,
        stop: async () => {
          child.kill('SIGTERM');
          await once(child, 'exit');
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the hub did not start within 30 s');
}

export const BENCH_ADMIN_KEY = 'fct_bench-admin-key-for-benchmarks-only';

/** A fresh database named `name` on the server of `serverUrl`. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}
