/**
 * Services throw these; one GraphQL error formatter (and one HTTP filter) maps
 * them to `extensions.code`. Never throw HTTP exceptions from a service.
 */
export type DomainErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED' | 'UNAVAILABLE';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;

  constructor(
    message: string,
    /** Extra, client-safe details placed in `extensions` (e.g. `path`, `limit`). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that can never succeed as sent. `path` names the offending field, e.g. `fields.headline`. */
export class BadUserInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(message: string, path?: string | (string | number)[], details: Record<string, unknown> = {}) {
    super(message, path === undefined ? details : { path: Array.isArray(path) ? path.join('.') : path, ...details });
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}

export class StaleVersionError extends ConflictError {
  constructor(entity: string, id: string, expected: number, actual: number) {
    super(
      `${entity} ${id} is at version ${actual}, but the change was based on version ${expected}; reload it and apply your change again`,
      { expectedVersion: expected, currentVersion: actual },
    );
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}

/** Too many requests for this key (or failed sign-ins from this address): try again after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED' as const;
  constructor(message: string, retryAfterSeconds: number) {
    super(message, { retryAfterSeconds });
  }

  get retryAfterSeconds(): number {
    return this.details.retryAfterSeconds as number;
  }
}

/**
 * The hub cannot do this right now (the database is unreachable, expensive work is queued full).
 * Safe to retry; a write that was interrupted may or may not have committed, so re-read its version first.
 */
export class UnavailableError extends DomainError {
  readonly code = 'UNAVAILABLE' as const;
  constructor(message: string, readonly retryAfterSeconds = 1) {
    super(message, { retryAfterSeconds });
  }
}

export class UnknownChannelError extends BadUserInputError {
  constructor(channel: string, known: string[]) {
    super(`Unknown channel "${channel}"; known channels: ${known.join(', ')}`, 'channel');
  }
}
