import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

export function buildDataSourceOptions(url: string, logSql = false): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: logSql ? ['query', 'error'] : ['error'],
    logger: 'simple-console',
    extra: { max: Number(process.env.HUB_DB_POOL_SIZE ?? 10) },
  };
}
