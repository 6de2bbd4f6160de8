import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';
import { LogSink, SqlLogger } from './sql-logger';

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
    extra: { max: Number(process.env.HUB_DB_POOL_SIZE ?? 10) },
  };
}
