import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PgBoss, type Job, type Queue, type SendOptions } from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { DATABASE_URL } from './database.tokens';

/** What a queue does with its jobs: pg-boss options plus how many this instance runs at once. */
export interface QueueDefinition<T> {
  name: string;
  options: Omit<Queue, 'name'>;
  /** Handlers this instance runs at the same time; the queue is shared by every instance. */
  concurrency: number;
  /** Seconds between looks for due jobs (a deferred job runs at most this late). */
  pollingIntervalSeconds: number;
  /**
   * Jobs fetched at once and handled one after another (default 1). pg-boss waits a polling
   * interval after every fetch, so a backlog drains at one fetch per interval; more than one
   * fetches again at once while batches come back full. A throw fails the whole batch: only for
   * jobs that are safe to redo.
   */
  batchSize?: number;
  handle(job: Job<T>): Promise<void>;
}

/**
 * The hub's durable job queue: pg-boss on the hub's own PostgreSQL (schema `pgboss`), so a job
 * survives restarts, each is handed to exactly one instance at a time (SKIP LOCKED), and a job can
 * be written in the same transaction as the change that causes it. Every use of pg-boss is here.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;

  constructor(@Inject(DATABASE_URL) databaseUrl: string) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      max: 4,
      application_name: 'facet-jobs',
      // How soon a job of an instance that died (missed heartbeats, see `heartbeatSeconds`) goes to another; pg-boss's default is a minute.
      superviseIntervalSeconds: 5,
      monitorIntervalSeconds: 5,
    });
    // Without listeners pg-boss would end the process on a worker error; it reconnects by itself.
    this.boss.on('error', (error) => this.logger.warn(`Job queue: ${error.message}`));
    this.boss.on('warning', (warning) => this.logger.warn(`Job queue: ${warning.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 5000 }).catch(() => undefined);
  }

  /**
   * Creates the queue (a no-op when another instance did), brings its options up to date, and
   * starts working it in this instance.
   */
  async run<T extends object>(definition: QueueDefinition<T>): Promise<void> {
    const { policy, ...adjustable } = definition.options;
    await this.boss.createQueue(definition.name, { policy, ...adjustable });
    await this.boss.updateQueue(definition.name, adjustable);
    const batchSize = definition.batchSize ?? 1;
    await this.boss.work<T>(
      definition.name,
      { batchSize, burstWhenBatchFull: batchSize > 1, localConcurrency: definition.concurrency, pollingIntervalSeconds: definition.pollingIntervalSeconds },
      async (jobs) => {
        for (const job of jobs) await definition.handle(job);
      },
    );
  }

  /**
   * Queues a job inside the caller's transaction: it exists when the transaction commits and never
   * when it rolls back.
   */
  async sendWithin(manager: EntityManager, queue: string, data: object, options: SendOptions = {}): Promise<string> {
    const id = await this.boss.send(queue, data, { ...options, db: within(manager) });
    if (!id) throw new Error(`The job queue ${queue} refused a job`);
    return id;
  }

  /** Many jobs in one statement, inside the caller's transaction. */
  async insertWithin(manager: EntityManager, queue: string, data: object[]): Promise<void> {
    if (data.length > 0) await this.boss.insert(queue, data.map((each) => ({ data: each })), { db: within(manager) });
  }
}

/** pg-boss's database interface over a TypeORM transaction. */
function within(manager: EntityManager): { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } {
  return { executeSql: async (text, values) => ({ rows: await manager.query(text, values) }) };
}
