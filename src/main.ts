import 'reflect-metadata';
import { createHub, bootstrapLogger } from './bootstrap';
import { loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfig();
  const hub = await createHub(config);
  // Every interface, as Node's own default would: Fastify's is localhost only, unreachable from outside a container.
  await hub.app.listen(config.port, '0.0.0.0');
  bootstrapLogger.log(`Facet is listening on http://localhost:${config.port}`);
  bootstrapLogger.log(`GraphQL IDE: http://localhost:${config.port}/graphql   Preview: http://localhost:${config.port}/preview`);
  let stopping = false;
  const stop = async (signal: string) => {
    // A second Ctrl-C while the first shutdown runs means "now".
    if (stopping) process.exit(1);
    stopping = true;
    bootstrapLogger.log(`${signal}: stopping`);
    await hub.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Whatever stops the hub is told in one line; the embedded PostgreSQL stops with the process. */
function fail(error: unknown): never {
  bootstrapLogger.error(`Facet stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
main().catch(fail);
