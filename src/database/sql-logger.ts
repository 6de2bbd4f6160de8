import { Logger as TypeOrmLogger } from 'typeorm';

/** Where lines go: the hub passes Nest's logger; tools (tests, seeds) the console. */
export interface LogSink {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * SQL in the log without values: customer attributes and content are not log material. A
 * constraint violation (SQLSTATE class 23) is bad input the repositories turn into CONFLICT or
 * BAD_USER_INPUT, so it is not logged as a failure; everything else is one line with its code.
 */
export class SqlLogger implements TypeOrmLogger {
  constructor(
    private readonly logStatements: boolean,
    private readonly logger: LogSink = console,
  ) {}

  logQuery(query: string): void {
    if (this.logStatements) this.logger.log(`query: ${query}`);
  }

  logQueryError(error: string | Error): void {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('23')) return;
    this.logger.error(`A statement failed${code ? ` (SQLSTATE ${code})` : ''}: ${typeof error === 'string' ? error : error.message}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow statement (${time} ms): ${query.slice(0, 500)}`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else if (this.logStatements) this.logger.log(String(message));
  }
}
