import { ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { fromDatabaseError } from '../../database/database-errors';
import type { Response } from 'express';
import { DomainError, DomainErrorCode } from '../errors/domain-errors';

export const HTTP_STATUS: Record<DomainErrorCode, number> = {
  BAD_USER_INPUT: HttpStatus.BAD_REQUEST,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
};

/**
 * Domain errors (and a lost database, as UNAVAILABLE) on plain HTTP routes become a status and
 * `{ error: { code, message } }`; everything else gets Nest's default handling. GraphQL formats its own.
 */
@Catch()
export class DomainErrorFilter extends BaseExceptionFilter {
  override catch(thrown: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return thrown;
    const error = thrown instanceof DomainError ? thrown : fromDatabaseError(thrown);
    if (!error) return super.catch(thrown, host);
    const response = host.switchToHttp().getResponse<Response>();
    if (typeof error.details.retryAfterSeconds === 'number') response.setHeader('Retry-After', String(error.details.retryAfterSeconds));
    response.status(HTTP_STATUS[error.code]).json({ error: { code: error.code, message: error.message, ...error.details } });
  }
}
