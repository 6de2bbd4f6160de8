import { ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { fromDatabaseError } from '../../database/database-errors';
import { DomainError, DomainErrorCode } from '../errors/domain-errors';
import { sendGraphqlError } from '../http/graphql-error-response';
import { requestRefusal } from '../http/request-refusals';

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
 * `{ error: { code, message } }`; a body refused before any route ran is answered in GraphQL's
 * error shape, as most such bodies were meant for /graphql. Everything else gets Nest's default
 * handling. GraphQL formats its own.
 */
@Catch()
export class DomainErrorFilter extends BaseExceptionFilter {
  override catch(thrown: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return thrown;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const refusal = requestRefusal(thrown);
    if (refusal) return sendGraphqlError(reply, refusal.status, 'BAD_USER_INPUT', refusal.message);
    const error = thrown instanceof DomainError ? thrown : fromDatabaseError(thrown);
    if (!error) return super.catch(thrown, host);
    if (typeof error.details.retryAfterSeconds === 'number') reply.header('Retry-After', String(error.details.retryAfterSeconds));
    return reply.status(HTTP_STATUS[error.code]).send({ error: { code: error.code, message: error.message, ...error.details } });
  }
}
