import { EmbeddedDatabase } from '../../src/database/embedded-postgres';
import { dropTestDatabases } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.FACET_TEST_TEMPLATE_URL;
  if (url) await dropTestDatabases(url);
  await ((globalThis as Record<string, unknown>).__facetEmbeddedPostgres as EmbeddedDatabase | undefined)?.stop();
}
