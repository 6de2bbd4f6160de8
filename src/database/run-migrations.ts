import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

/** Brings a database to the current schema, for tools that fill databases outside the hub (tests, seeds, benchmarks). */
export async function runMigrations(databaseUrl: string): Promise<void> {
  const dataSource = new DataSource(buildDataSourceOptions(databaseUrl));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
