import { BadUserInputError, DomainError, UnavailableError } from '../common/errors/domain-errors';

/** SQLSTATE classes and codes that mean "the server is gone or refused to work", not "your input is wrong". */
const UNAVAILABLE_STATES = /^(08|53|57P0|57014|58)/;
// TypeORM's 'Query runner already released' (or '…provided by a query runner was already released') is a transaction whose connection broke under it.
const UNAVAILABLE_MESSAGES = /Query runner already released|query runner was already released|Connection terminated|timeout exceeded when trying to connect|Query read timeout|ECONNREFUSED|ECONNRESET|the database system is (starting up|shutting down)|Client has encountered a connection error/i;

/** SQLSTATE class 22, data exceptions: a NUL character in text, a date PostgreSQL cannot hold, a number out of range. */
const DATA_EXCEPTION = /^22/;

/**
 * What pg and TypeORM report, as the domain error it means, or null for a real fault.
 * A lost, refused or timed-out connection is one retry-safe error: a write cut off this way may
 * or may not have committed, so the message says to re-read the version before trying again (the
 * retry then gets CONFLICT if it had committed). A value PostgreSQL refuses is bad input, and its
 * statement changed nothing.
 */
export function fromDatabaseError(error: unknown): DomainError | null {
  const candidate = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown; message?: unknown } };
  const code = String(candidate?.driverError?.code ?? candidate?.code ?? '');
  const message = String(candidate?.driverError?.message ?? candidate?.message ?? '');
  if (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_MESSAGES.test(message) || UNAVAILABLE_MESSAGES.test(code)) {
    return new UnavailableError('The database could not be reached in time. Nothing is lost: re-read what you changed (its version tells whether the change was saved) and try again.', 2);
  }
  if (DATA_EXCEPTION.test(code)) {
    return new BadUserInputError(`A value was refused by the database (${message.split('\n')[0]}); text may not contain NUL characters and dates must be real calendar dates`);
  }
  return null;
}
