import * as http from 'node:http';
import * as https from 'node:https';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { publicOnlyLookup } from './webhook-address';

/** How one POST ended: a status code, or an error without one (refused address, timeout, connection). */
export interface SendOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Bytes of a receiver's answer read before the connection is dropped: only the status matters. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * The only place the hub calls out over HTTP: one POST, no redirects followed, the whole exchange
 * bounded by HUB_WEBHOOK_TIMEOUT_MS, and addresses outside the public internet refused when the
 * connection is made (unless HUB_WEBHOOK_ALLOW_PRIVATE).
 */
@Injectable()
export class WebhookSender {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  post(url: string, body: string, headers: Record<string, string>): Promise<SendOutcome> {
    const started = performance.now();
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (statusCode: number | null, error: string | null) => {
        if (settled) return;
        settled = true;
        resolve({ statusCode, error, durationMs: Math.round(performance.now() - started) });
      };
      const request = transport.request(
        target,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Facet-Webhooks/1', ...headers },
          lookup: publicOnlyLookup(this.config.webhooks.allowPrivate),
          signal: AbortSignal.timeout(this.config.webhooks.timeoutMs),
          agent: false,
        },
        (response) => {
          const statusCode = response.statusCode ?? 0;
          let read = 0;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_ANSWER_BYTES) response.destroy();
          });
          response.on('close', () => finish(statusCode, answerError(statusCode)));
          response.on('error', () => finish(statusCode, answerError(statusCode)));
        },
      );
      request.on('error', (error) => finish(null, error.name === 'AbortError' ? `no answer within ${this.config.webhooks.timeoutMs} ms` : error.message));
      request.end(body);
    });
  }
}

function answerError(statusCode: number): string | null {
  if (statusCode >= 200 && statusCode < 300) return null;
  if (statusCode >= 300 && statusCode < 400) return `answered ${statusCode}: redirects are not followed; point the webhook at the final URL`;
  return `answered ${statusCode}`;
}
