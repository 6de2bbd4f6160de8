import { HttpException } from '@nestjs/common';

/**
 * Fastify's own refusals of a request before any route runs (a body over the limit, JSON that
 * does not parse, an empty JSON body), in words a client understands; null for anything else.
 * Nest hands them on wrapped in an HttpException, the original as its cause.
 */
export function requestRefusal(thrown: unknown): { status: number; message: string } | null {
  const error = thrown instanceof HttpException ? thrown.cause : thrown;
  const { statusCode, code, message } = (error ?? {}) as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500 || typeof code !== 'string' || !code.startsWith('FST_')) return null;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, message: 'The request body is too large' };
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY') return { status: 400, message: 'The request body is not valid JSON' };
  return { status: statusCode, message: typeof message === 'string' ? message : 'The request could not be read' };
}
