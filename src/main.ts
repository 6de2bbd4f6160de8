import 'reflect-metadata';
import { createHub, bootstrapLogger, Hub } from './bootstrap';
import { loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfig();
  const hub = await createHub(config);
  await listenOnEveryInterface(hub, config.port);
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

/**
 * IPv6 and IPv4 where the machine has IPv6, else IPv4, as Node's own default does; Fastify's
 * default (localhost) would be unreachable from outside a container.
 */
async function listenOnEveryInterface(hub: Hub, port: number): Promise<void> {
  try {
    await hub.app.listen(port, '::');
  } catch (error) {
    if ((error as { code?: string }).code !== 'EAFNOSUPPORT') throw error;
    await hub.app.listen(port, '0.0.0.0');
  }
}

/** Whatever stops the hub is told in one line; the embedded PostgreSQL stops with the process. */
function fail(error: unknown): never {
  bootstrapLogger.error(`Facet stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
main().catch(fail);
