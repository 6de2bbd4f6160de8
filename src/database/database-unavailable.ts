import { UnavailableError } from '../common/errors/domain-errors';

/** SQLSTATE classes and codes that mean "the server is gone or refused to work", not "your input is wrong". */
const UNAVAILABLE_STATES = /^(08|53|57P0|57014|58)/;
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|ECONNREFUSED|ECONNRESET|the database system is (starting up|shutting down)|Client has encountered a connection error/i;

/**
 * A lost, refused or timed-out database connection, as pg and TypeORM report it, becomes one
 * retry-safe error. A write cut off this way may or may not have committed; the message says to
 * re-read the version before trying again (the retry then gets CONFLICT if it had committed).
 */
export function asDatabaseUnavailable(error: unknown): UnavailableError | null {
  const candidate = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown; message?: unknown } };
  const code = String(candidate?.driverError?.code ?? candidate?.code ?? '');
  const message = String(candidate?.driverError?.message ?? candidate?.message ?? '');
  if (!UNAVAILABLE_STATES.test(code) && !UNAVAILABLE_MESSAGES.test(message) && !UNAVAILABLE_MESSAGES.test(code)) return null;
  return new UnavailableError('The database could not be reached in time. Nothing is lost: re-read what you changed (its version tells whether the change was saved) and try again.', 2);
}
