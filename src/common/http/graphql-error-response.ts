import type { Response } from 'express';

/** An HTTP answer in GraphQL's error shape, for refusals made before GraphQL itself runs (body limits, uploads). */
export function sendGraphqlError(response: Response, status: number, code: string, message: string): void {
  response.status(status).json({ errors: [{ message, extensions: { code } }] });
}
