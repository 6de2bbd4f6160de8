import 'reflect-metadata';
import { createHub, bootstrapLogger } from './bootstrap';
import { loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfig();
  const hub = await createHub(config);
  await hub.app.listen(config.port);
  bootstrapLogger.log(`Facet is listening on http://localhost:${config.port}`);
  bootstrapLogger.log(`GraphQL IDE: http://localhost:${config.port}/graphql   Preview: http://localhost:${config.port}/preview`);
  const stop = async (signal: string) => {
    bootstrapLogger.log(`${signal}: stopping`);
    await hub.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  bootstrapLogger.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
