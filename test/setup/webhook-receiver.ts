import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST as the receiver saw it. */
export interface ReceivedCall {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  body: { id: string; type: string; occurredAt: string; data: Record<string, any> };
  status: number;
}

/** How the receiver answers a call; default 204. */
export type Answer = (call: Omit<ReceivedCall, 'status'>) => number | 'hang';

/** A real HTTP receiver on 127.0.0.1 that records every call and answers as the test says. */
export interface WebhookReceiver {
  url: string;
  port: number;
  calls: ReceivedCall[];
  /** Calls answered 2xx: what the receiver accepted. */
  accepted(): ReceivedCall[];
  answerWith(answer: Answer): void;
  close(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<WebhookReceiver> {
  const calls: ReceivedCall[] = [];
  let answer: Answer = () => 204;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const call = { headers: request.headers, rawBody, body: JSON.parse(rawBody) };
      const status = answer(call);
      calls.push({ ...call, status: status === 'hang' ? 0 : status });
      if (status === 'hang') return;
      if (status >= 300 && status < 400) response.setHeader('location', 'http://127.0.0.1:9/elsewhere');
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}/hooks`,
    port: actualPort,
    calls,
    accepted: () => calls.filter((call) => call.status >= 200 && call.status < 300),
    answerWith: (next) => (answer = next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `condition` holds, or fails after `timeoutMs` with `what`. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`within ${timeoutMs} ms: ${what}`);
}
