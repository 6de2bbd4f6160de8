import type { FastifyReply } from 'fastify';

/** An HTTP answer in GraphQL's error shape, for refusals made before GraphQL itself runs (body limits, uploads). */
export function sendGraphqlError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.status(status).send({ errors: [{ message, extensions: { code } }] });
}
