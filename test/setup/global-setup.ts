import * as os from 'node:os';
import * as path from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { createTemplateDatabase } from './test-database';

/**
 * One migrated template database per test run, on DATABASE_URL's server or, when DATABASE_URL is
 * unset, on an embedded PostgreSQL. Migrations run here once; each test app gets a copy.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres(path.join(os.tmpdir(), 'facet-test-postgres'), 54339);
    (globalThis as Record<string, unknown>).__facetEmbeddedPostgres = embedded;
    serverUrl = embedded.url;
  }
  process.env.FACET_TEST_TEMPLATE_URL = await createTemplateDatabase(serverUrl);
}
