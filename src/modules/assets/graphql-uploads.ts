import { once } from 'node:events';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-errors';
import { HTTP_STATUS } from '../../common/filters/domain-error.filter';
import { sendGraphqlError } from '../../common/http/graphql-error-response';
import { ApiKeysService } from '../auth/api-keys.service';
import { clientAddress } from '../auth/client-address';
import { PRINCIPAL_KEY } from '../auth/current-principal.decorator';
import { hasRole, keyOfRole } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { processRequest, UploadLimits } from './graphql-upload';

/** Apollo's CSRF protection asks multipart requests for one of these headers; checked here, before the body is read. */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];
const READING_UPLOADS = Symbol('reading uploads');

/**
 * GraphQL multipart requests (uploads) to /graphql. One is refused before a byte of its body is
 * read when it lacks the CSRF header, a valid key, or a role that may upload: an anonymous client
 * cannot make the hub spool files to disk. An admitted one becomes the operation Apollo runs, its
 * files streamed to the resolver. Other requests pass untouched.
 */
export function graphqlUploads(apiKeys: ApiKeysService, limits: UploadLimits) {
  return {
    preValidation: async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
      if (request.routeOptions.url !== '/graphql' || !request.isMultipart()) return undefined;
      if (!PREFLIGHT_HEADERS.some((header) => request.headers[header])) {
        return refuse(reply, 400, 'BAD_USER_INPUT', 'A multipart request needs the header "apollo-require-preflight: true" (CSRF protection)');
      }
      try {
        const principal = await apiKeys.admit(request.headers.authorization, clientAddress(request));
        if (!hasRole(principal, Role.EDITOR)) return refuse(reply, 403, 'FORBIDDEN', `${keyOfRole(principal.role)} may not upload; it needs EDITOR or ADMIN`);
        (request as unknown as Record<string, unknown>)[PRINCIPAL_KEY] = principal;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (typeof error.details.retryAfterSeconds === 'number') reply.header('Retry-After', String(error.details.retryAfterSeconds));
        return refuse(reply, HTTP_STATUS[error.code], error.code, error.message);
      }
      (request as unknown as Record<symbol, boolean>)[READING_UPLOADS] = true;
      try {
        request.body = await processRequest(request.raw, reply.raw, limits);
      } catch (error) {
        const { status, message } = error as { status?: number; message?: string };
        // A broken body (cut short, no operations, a file over the limit) is the client's mistake.
        return sendGraphqlError(reply, status !== undefined && status >= 400 && status < 500 ? status : 400, 'BAD_USER_INPUT', `The multipart request could not be read: ${message ?? 'malformed'}`);
      }
      return undefined;
    },
    /** The answer waits until the whole request is read, as graphql-upload asks: a file the operation did not use is still on the wire. */
    onSend: async (request: FastifyRequest): Promise<void> => {
      if ((request as unknown as Record<symbol, boolean>)[READING_UPLOADS] && !request.raw.closed) await once(request.raw, 'close');
    },
  };
}

/** Answered at once and the connection closed, so the unread upload is dropped rather than received. */
function refuse(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  reply.header('Connection', 'close');
  return sendGraphqlError(reply, status, code, message);
}
