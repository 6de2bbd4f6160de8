import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { DATABASE_URL } from './database.tokens';
import { ChangeFeed } from './change-feed.service';
import { JobQueue } from './job-queue.service';

@Global()
@Module({})
export class DatabaseModule {
  /** `url` is resolved before the app starts (DATABASE_URL, or the embedded server). Migrations run on connect. */
  static forRoot(url: string, logSql: boolean): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...buildDataSourceOptions(url, logSql, new Logger('SQL')), migrationsRun: true })],
      providers: [{ provide: DATABASE_URL, useValue: url }, ChangeFeed, JobQueue],
      exports: [DATABASE_URL, ChangeFeed, JobQueue],
    };
  }
}
