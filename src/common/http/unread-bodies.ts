import type { FastifyInstance } from 'fastify';

/**
 * Bodies other than JSON and multipart are left unread for the route: NDJSON is streamed from
 * `request.raw` line by line, and a route that takes no such body says so in its own words
 * (Fastify would answer 415 before the route saw the request).
 */
export function leaveBodyUnread(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
}
