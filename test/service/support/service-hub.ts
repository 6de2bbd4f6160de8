import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config/app-config';
import { buildDataSourceOptions } from '../../../src/database/data-source-options';
import { ChangeFeed } from '../../../src/database/change-feed.service';
import { startEmbeddedPostgres } from '../../../src/database/embedded-postgres';
import { runMigrations } from '../../../src/database/run-migrations';
import { Role } from '../../../src/modules/auth/role.enum';
import { BUILT_IN_RENDERERS } from '../../../src/modules/channels/built-in-renderers';
import { ChannelsService } from '../../../src/modules/channels/channels.service';
import { ContentModelsService } from '../../../src/modules/content-models/content-models.service';
import { AssetsRepository } from '../../../src/modules/assets/assets.repository';
import { checkTokens } from '../../../src/modules/channels/personalisation/liquid-sandbox';
import { ContentChecks } from '../../../src/modules/content/content-checks.service';
import { ContentItemsRepository } from '../../../src/modules/content/content-items.repository';
import { PublishedItems } from '../../../src/modules/content/published-items';
import { ContentItemsService } from '../../../src/modules/content/content-items.service';
import { DeliveryCatalog } from '../../../src/modules/delivery/delivery-catalog.service';
import { ExperimentConclusions } from '../../../src/modules/experiments/experiment-conclusions';
import { ExperimentsRepository } from '../../../src/modules/experiments/experiments.repository';
import { PersonasRepository } from '../../../src/modules/personas/personas.repository';
import { PersonasService } from '../../../src/modules/personas/personas.service';
import { ChannelVariantsRepository } from '../../../src/modules/variants/channel-variants.repository';
import { VariantsService } from '../../../src/modules/variants/variants.service';
import { VariantDraftParts } from '../../../src/modules/variants/variant-draft-parts';
import { JobQueue } from '../../../src/database/job-queue.service';
import { WebhookOutbox } from '../../../src/modules/webhooks/webhook-outbox';
import { WebhooksRepository } from '../../../src/modules/webhooks/webhooks.repository';

/**
 * The service tier: services and repositories built by hand over a real DataSource on a freshly
 * migrated database, no HTTP and no Nest container: faster than e2e, closer to the truth than a
 * unit test. `DATABASE_URL`'s server when set, else an embedded PostgreSQL.
 */
export const EDITOR = { keyId: null, name: 'service-test', role: Role.EDITOR };

export interface ServiceDatabase {
  url: string;
  close(): Promise<void>;
}

export async function createServiceDatabase(): Promise<ServiceDatabase> {
  let serverUrl = process.env.DATABASE_URL;
  let stopServer: () => Promise<void> = async () => undefined;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres(path.join(os.tmpdir(), 'facet-service-postgres'), 54349);
    serverUrl = embedded.url;
    stopServer = embedded.stop;
  }
  const name = `facet_service_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  return {
    url: url.toString(),
    close: async () => {
      await withClient(admin.toString(), (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      await stopServer();
    },
  };
}

/** One hub instance's services on the database: each instance has its own DataSource, change feed and caches. */
export async function createInstance(url: string) {
  const dataSource = await new DataSource(buildDataSourceOptions(url, false, { log: () => undefined, warn: () => undefined, error: () => undefined })).initialize();
  const changeFeed = new ChangeFeed(dataSource, url);
  await changeFeed.onModuleInit();
  const config = loadConfig({});
  // The real outbox; with no webhook subscribed it queues nothing, so the job queue is never started here.
  const outbox = new WebhookOutbox(new WebhooksRepository(dataSource), new JobQueue(url), config);
  const contentModels = new ContentModelsService(config);
  const channels = new ChannelsService(BUILT_IN_RENDERERS, config, undefined as never);
  const personas = new PersonasService(new PersonasRepository(dataSource, outbox), changeFeed, channels);
  personas.onModuleInit();
  const contentRepository = new ContentItemsRepository(dataSource, outbox);
  const checks = new ContentChecks(contentRepository, personas, channels, { check: checkTokens }, new AssetsRepository(dataSource));
  const publishedItems = new PublishedItems(contentRepository, changeFeed, config);
  publishedItems.onModuleInit();
  const contentItems = new ContentItemsService(contentRepository, contentModels, checks, publishedItems, new VariantDraftParts());
  const variants = new VariantsService(new ChannelVariantsRepository(dataSource), contentItems, contentModels, channels, changeFeed);
  const conclusions = new ExperimentConclusions(new ExperimentsRepository(dataSource, outbox), changeFeed);
  conclusions.onModuleInit();
  const catalog = new DeliveryCatalog(contentItems, variants, conclusions, changeFeed, config);
  catalog.onModuleInit();
  return {
    dataSource,
    contentItems,
    variants,
    catalog,
    personas,
    close: async () => {
      await changeFeed.onApplicationShutdown();
      await dataSource.destroy();
    },
  };
}

async function withClient(url: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
