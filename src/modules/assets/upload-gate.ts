import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../../common/errors/domain-errors';
import { HTTP_STATUS } from '../../common/filters/domain-error.filter';
import { sendGraphqlError } from '../../common/http/graphql-error-response';
import { ApiKeysService } from '../auth/api-keys.service';
import { clientAddress } from '../auth/client-address';
import { PRINCIPAL_KEY } from '../auth/current-principal.decorator';
import { hasRole, keyOfRole } from '../auth/principal';
import { Role } from '../auth/role.enum';

/** Apollo's CSRF protection asks multipart requests for one of these headers; checked here, before the body is read. */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * A GraphQL multipart request (an upload) is refused before a byte of its body is read when it
 * lacks the CSRF header, a valid key, or a role that may upload: an anonymous client cannot make
 * the hub spool files to disk. Other requests pass untouched.
 */
export function uploadGate(apiKeys: ApiKeysService) {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    if (!request.is('multipart/form-data')) return next();
    if (!PREFLIGHT_HEADERS.some((header) => request.headers[header])) {
      return refuse(response, 400, 'BAD_USER_INPUT', 'A multipart request needs the header "apollo-require-preflight: true" (CSRF protection)');
    }
    try {
      const principal = await apiKeys.admit(request.headers.authorization, clientAddress(request));
      if (!hasRole(principal, Role.EDITOR)) return refuse(response, 403, 'FORBIDDEN', `${keyOfRole(principal.role)} may not upload; it needs EDITOR or ADMIN`);
      (request as unknown as Record<string, unknown>)[PRINCIPAL_KEY] = principal;
    } catch (error) {
      if (!(error instanceof DomainError)) return next(error);
      if (typeof error.details.retryAfterSeconds === 'number') response.setHeader('Retry-After', String(error.details.retryAfterSeconds));
      return refuse(response, HTTP_STATUS[error.code], error.code, error.message);
    }
    next();
  };
}

/** Answered at once and the connection closed, so the unread upload is dropped rather than received. */
function refuse(response: Response, status: number, code: string, message: string): void {
  response.setHeader('Connection', 'close');
  sendGraphqlError(response, status, code, message);
}
