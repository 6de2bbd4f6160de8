import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
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

/** Domain errors on plain HTTP routes become a status and `{ error: { code, message } }`; GraphQL formats its own. */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): DomainError | void {
    if (host.getType<string>() === 'graphql') return error;
    const response = host.switchToHttp().getResponse<Response>();
    if (typeof error.details.retryAfterSeconds === 'number') response.setHeader('Retry-After', String(error.details.retryAfterSeconds));
    response.status(HTTP_STATUS[error.code]).json({ error: { code: error.code, message: error.message, ...error.details } });
  }
}
