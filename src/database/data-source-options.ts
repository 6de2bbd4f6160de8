import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';
import { LogSink, SqlLogger } from './sql-logger';

/** Milliseconds: how long the hub waits for a connection, and for one statement, before giving up with UNAVAILABLE. */
export const DATABASE_TIMEOUTS = { connectMs: 5_000, statementMs: 15_000 };

export function buildDataSourceOptions(url: string, logSql = false, logSink?: LogSink): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: logSql ? ['query', 'error', 'warn', 'migration'] : ['error', 'warn', 'migration'],
    logger: new SqlLogger(logSql, logSink),
    // A frozen or unreachable server must not hang requests: bounded connect, pool wait, statement and reply times.
    extra: {
      max: Number(process.env.HUB_DB_POOL_SIZE ?? 10),
      connectionTimeoutMillis: DATABASE_TIMEOUTS.connectMs,
      statement_timeout: DATABASE_TIMEOUTS.statementMs,
      query_timeout: DATABASE_TIMEOUTS.statementMs + 2_000,
      idle_in_transaction_session_timeout: DATABASE_TIMEOUTS.statementMs * 2,
      keepAlive: true,
    },
  };
}
