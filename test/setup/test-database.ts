import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/run-migrations';

/** A database with every migration run, used as the template that each test app's database is copied from. */
export async function createTemplateDatabase(serverUrl: string): Promise<string> {
  const name = `facet_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(serverUrl, name);
  await runMigrations(url);
  return url;
}

/** A fresh, migrated database copied from the template: cheap, so each test file gets its own. */
export async function cloneDatabase(templateUrl: string): Promise<string> {
  const template = new URL(templateUrl).pathname.slice(1);
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(templateUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return withDatabase(templateUrl, name);
}

/** Drops the template and every database cloned from it. */
export async function dropTestDatabases(templateUrl: string): Promise<void> {
  const template = new URL(templateUrl).pathname.slice(1);
  await withAdminClient(templateUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2', [template, `${template}\\_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withAdminClient(url: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
