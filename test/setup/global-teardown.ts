import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedDatabase } from '../../src/database/embedded-postgres';
import { dropTestDatabases } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.FACET_TEST_TEMPLATE_URL;
  if (url) {
    await dropTestDatabases(url);
    const template = new URL(url).pathname.slice(1);
    const assets = path.join(os.tmpdir(), 'facet-test-assets');
    for (const name of fs.existsSync(assets) ? fs.readdirSync(assets) : []) {
      if (name.startsWith(template)) fs.rmSync(path.join(assets, name), { recursive: true, force: true });
    }
  }
  await ((globalThis as Record<string, unknown>).__facetEmbeddedPostgres as EmbeddedDatabase | undefined)?.stop();
}
