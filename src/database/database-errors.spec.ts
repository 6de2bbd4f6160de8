import { fromDatabaseError } from './database-errors';

describe('database errors as clients see them', () => {
  it.each([
    ['a broken connection', { code: 'ECONNRESET', message: 'read ECONNRESET' }],
    ['a server shutting down', { code: '57P01', message: 'terminating connection due to administrator command' }],
    ['a transaction whose connection broke (TypeORM, older wording)', { message: 'Query runner already released. Cannot run queries anymore.' }],
    ['a transaction whose connection broke (TypeORM 1.x)', { name: 'QueryRunnerProviderAlreadyReleasedError', message: 'Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.' }],
  ])('are retry-safe UNAVAILABLE for %s', (_what, error) => {
    expect(fromDatabaseError(error)?.code).toBe('UNAVAILABLE');
  });

  it('are bad input for a value PostgreSQL refuses, and a real fault otherwise', () => {
    expect(fromDatabaseError({ code: '22P05', message: 'unsupported Unicode escape sequence' })?.code).toBe('BAD_USER_INPUT');
    expect(fromDatabaseError(new Error('something else'))).toBeNull();
  });
});
