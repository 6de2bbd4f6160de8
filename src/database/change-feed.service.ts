import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ChangeTopic, ChangeTopics } from './change-topics';
import { DATABASE_URL } from './database.tokens';

const CHANNEL = 'facet_changes';
const RECONNECT_DELAY_MS = 1000;

export type ChangeHandler<T extends ChangeTopic = ChangeTopic> = (payload: ChangeTopics[T]) => void;

/**
 * Cross-instance change notifications over PostgreSQL LISTEN/NOTIFY, so caches on every hub
 * instance are invalidated when one instance writes. The special topic `reset` fires after the
 * listener reconnects: notifications may have been missed, so caches must drop everything.
 */
@Injectable()
export class ChangeFeed implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ChangeFeed.name);
  private readonly handlers = new Map<ChangeTopic, Set<ChangeHandler>>();
  private listener: Client | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
  }

  /** False while the listener is reconnecting: changes on other instances may go unseen, so caches should not be trusted. */
  get listening(): boolean {
    return this.listener !== null;
  }

  subscribe<T extends ChangeTopic>(topic: T, handler: ChangeHandler<T>): void {
    const set = this.handlers.get(topic) ?? new Set<ChangeHandler>();
    set.add(handler as ChangeHandler);
    this.handlers.set(topic, set);
  }

  /** Tells every instance (this one at once, the others through PostgreSQL). Call after the change committed. */
  async publish<T extends ChangeTopic>(topic: T, payload: ChangeTopics[T]): Promise<void> {
    this.dispatch(topic, payload);
    await this.dataSource.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ topic, payload, origin: process.pid })]);
  }

  private dispatch<T extends ChangeTopic>(topic: T, payload: ChangeTopics[T]): void {
    for (const handler of this.handlers.get(topic) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        this.logger.error(`A ${topic} handler failed: ${(error as Error).message}`);
      }
    }
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      const { topic, payload } = JSON.parse(message.payload) as { topic: ChangeTopic; payload: ChangeTopics[ChangeTopic] };
      this.dispatch(topic, payload);
    });
    client.on('error', (error) => {
      this.logger.warn(`Change listener lost its connection (${error.message}); reconnecting`);
      this.reconnectLater();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  private reconnectLater(): void {
    if (this.stopped) return;
    this.listener?.end().catch(() => undefined);
    this.listener = null;
    setTimeout(() => {
      this.connect()
        .then(() => this.dispatch('reset', {}))
        .catch(() => this.reconnectLater());
    }, RECONNECT_DELAY_MS).unref();
  }
}
