import { Logger } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '../common/errors/domain-errors';
import { fromDatabaseError } from '../database/database-errors';

const logger = new Logger('GraphQL');

/** Apollo's own codes for documents that cannot be run: to a client these are bad input like any other. */
const BAD_DOCUMENT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_SUPPORTED']);
/** PERSISTED_QUERY_NOT_FOUND is how a client learns to send a persisted document's text once; it must keep that code. */
const PASSTHROUGH_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 'UNAVAILABLE', 'PERSISTED_QUERY_NOT_FOUND']);

/**
 * The one place that turns errors into what clients see: domain errors keep their code and
 * details; anything unexpected becomes INTERNAL_SERVER_ERROR without stack, SQL or internals.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  const domainError = original instanceof DomainError ? original : fromDatabaseError(original);
  if (domainError) {
    return { ...base, message: domainError.message, extensions: { code: domainError.code, ...domainError.details } };
  }
  const code = String(formatted.extensions?.code ?? '');
  if (BAD_DOCUMENT_CODES.has(code)) {
    // The parser recurses per nesting level: a document nested thousands deep ends in a RangeError.
    const message = /call stack/i.test(formatted.message) ? 'The document is nested too deeply to read' : formatted.message;
    return { ...base, message, extensions: { code: 'BAD_USER_INPUT', reason: code } };
  }
  if (PASSTHROUGH_CODES.has(code)) return { ...base, extensions: { ...formatted.extensions, code } };
  // Errors raised before any resolver ran (variable coercion, unknown input fields) mean the document or its variables are wrong.
  if (original instanceof GraphQLError && !original.path) return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
  const status = httpStatusOf(original);
  if (status === 413) return { ...base, message: 'The request is too large', extensions: { code: 'BAD_USER_INPUT' } };
  if (status !== undefined && status >= 400 && status < 500) return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function httpStatusOf(error: unknown): number | undefined {
  const candidate = error as { getStatus?: () => number; status?: number; statusCode?: number };
  if (typeof candidate?.getStatus === 'function') return candidate.getStatus();
  return candidate?.status ?? candidate?.statusCode;
}
