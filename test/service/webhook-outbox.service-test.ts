import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { JobQueue } from '../../src/database/job-queue.service';
import { WEBHOOK_QUEUE, webhookQueueOptions } from '../../src/modules/webhooks/webhook-queue';
import { WebhookOutbox } from '../../src/modules/webhooks/webhook-outbox';
import { WebhooksRepository } from '../../src/modules/webhooks/webhooks.repository';
import { createServiceDatabase, ServiceDatabase } from './support/service-hub';

class RolledBack extends Error {}

describe('the webhook outbox on a real PostgreSQL', () => {
  let database: ServiceDatabase;
  let dataSource: DataSource;
  let jobs: JobQueue;
  let outbox: WebhookOutbox;
  let webhookId: string;

  before(async () => {
    database = await createServiceDatabase();
    dataSource = await new DataSource(buildDataSourceOptions(database.url, false, { log: () => undefined, warn: () => undefined, error: () => undefined })).initialize();
    jobs = new JobQueue(database.url);
    await jobs.onModuleInit();
    const config = loadConfig({});
    // The queue exists, but nobody works it here: the test reads the jobs the outbox wrote.
    await jobs.run({ name: WEBHOOK_QUEUE, options: webhookQueueOptions(config.webhooks), concurrency: 1, pollingIntervalSeconds: 3600, handle: async () => undefined });
    const repository = new WebhooksRepository(dataSource);
    outbox = new WebhookOutbox(repository, jobs, config);
    webhookId = (await repository.insert({ url: 'https://example.com/hook', events: ['persona.changed'], secret: 'a-secret-of-sufficient-length-0001', description: '' })).id;
  });

  after(async () => {
    await jobs?.onApplicationShutdown();
    await dataSource?.destroy();
    await database?.close();
  });

  const queued = async (subject: string) =>
    (await dataSource.query(`SELECT data FROM pgboss.job WHERE name = $1 AND data -> 'event' -> 'data' ->> 'key' = $2`, [WEBHOOK_QUEUE, subject])).map((row: { data: unknown }) => row.data);

  it('queues the event when the transaction commits, for each subscribed webhook', async () => {
    await dataSource.transaction((manager) => outbox.record(manager, { type: 'persona.changed', subject: 'persona:committed', data: { key: 'committed' } }));
    const [job] = await queued('committed');
    assert.equal((job as { webhookId: string }).webhookId, webhookId);
    assert.equal((job as { event: { type: string } }).event.type, 'persona.changed');
  });

  it('leaves nothing when the transaction rolls back after recording', async () => {
    await assert.rejects(
      dataSource.transaction(async (manager) => {
        await outbox.record(manager, { type: 'persona.changed', subject: 'persona:rolled-back', data: { key: 'rolled-back' } });
        throw new RolledBack('the change failed after its event was recorded');
      }),
      RolledBack,
    );
    assert.deepEqual(await queued('rolled-back'), []);
  });

  it('queues nothing for an event no webhook subscribes to', async () => {
    await dataSource.transaction((manager) => outbox.record(manager, { type: 'content.archived', subject: 'item-1', data: { key: 'unsubscribed' } }));
    assert.deepEqual(await queued('unsubscribed'), []);
  });
});
