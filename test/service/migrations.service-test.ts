import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { buildDataSourceOptions } from '../../src/database/data-source-options';

const SERVER = process.env.DATABASE_URL;

/** Runs the first `count` migrations (all when undefined) on the database. */
async function migrate(url: string, count?: number): Promise<void> {
  const dataSource = new DataSource({ ...buildDataSourceOptions(url, false, { log: () => undefined, warn: () => undefined, error: () => undefined }), migrations: MIGRATIONS.slice(0, count) });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

describe('migrations keep existing data', { skip: SERVER ? false : 'needs DATABASE_URL' }, () => {
  const name = `facet_migrations_${Date.now()}_${randomBytes(3).toString('hex')}`;
  let admin: Client;
  let url: string;

  before(async () => {
    const adminUrl = new URL(SERVER!);
    adminUrl.pathname = '/postgres';
    admin = new Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(SERVER!);
    target.pathname = `/${name}`;
    url = target.toString();
  });

  after(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('makes items of one model and slug in several locales one translation family', async () => {
    const translations = MIGRATIONS.findIndex((migration) => migration.name.startsWith('Translations'));
    await migrate(url, translations);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const insert = (slug: string, locale: string, createdAt: string) =>
        client.query(
          `INSERT INTO content_items (model, slug, locale, fields, status, version, journey_stages, tags, persona_tags, channels, priority, attributes, author, created_at, updated_at)
           VALUES ('message', $1, $2, '{}', 'PUBLISHED', 1, '{}', '{}', '{}', '{}', 0, '{}', 'before', $3, $3) RETURNING id`,
          [slug, locale, createdAt],
        );
      const nl = (await insert('zomer', 'nl', '2026-01-01T00:00:00Z')).rows[0].id;
      const en = (await insert('zomer', 'en', '2026-02-01T00:00:00Z')).rows[0].id;
      const lone = (await insert('winter', 'nl', '2026-01-01T00:00:00Z')).rows[0].id;
      await migrate(url);
      const { rows } = await client.query('SELECT id, coalesce(family_id, id) AS family FROM content_items');
      const family = new Map(rows.map((row) => [row.id, row.family]));
      assert.equal(family.get(nl), nl);
      assert.equal(family.get(en), nl);
      assert.equal(family.get(lone), lone);
      await assert.rejects(insert('zomer-2', 'en', '2026-03-01T00:00:00Z').then(({ rows: [row] }) => client.query('UPDATE content_items SET family_id = $1 WHERE id = $2', [nl, row.id])), /content_items_family_locale/);
    } finally {
      await client.end();
    }
  });
});
