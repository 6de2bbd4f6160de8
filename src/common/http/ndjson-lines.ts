import type { IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import typeis from 'type-is';

/** Stands for a line that was longer than allowed: it was skipped without being held in memory. */
export const OVERLONG_LINE = Symbol('overlong line');

export type NdjsonLine = string | typeof OVERLONG_LINE;

/**
 * The lines of a byte stream, yielded a chunk's worth at a time (a per-line object stream costs
 * more CPU than the parsing that follows). A line longer than `maxLineBytes` is skipped as it
 * streams by and yielded as OVERLONG_LINE, so memory stays bounded whatever a client sends.
 */
export async function* ndjsonLines(source: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<NdjsonLine[]> {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  let skipping = false;
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const pieces = text.split('\n');
    const lines: NdjsonLine[] = [];
    for (let index = 0; index < pieces.length - 1; index += 1) {
      const line = skipping ? OVERLONG_LINE : partial + pieces[index];
      lines.push(line === OVERLONG_LINE || tooLong(line, maxLineBytes) ? OVERLONG_LINE : stripReturn(line));
      partial = '';
      skipping = false;
    }
    if (!skipping) {
      partial += pieces[pieces.length - 1];
      if (tooLong(partial, maxLineBytes)) {
        partial = '';
        skipping = true;
      }
    }
    if (lines.length > 0) yield lines;
  }
  partial += decoder.end();
  if (skipping) yield [OVERLONG_LINE];
  else if (partial !== '') yield [tooLong(partial, maxLineBytes) ? OVERLONG_LINE : stripReturn(partial)];
}

/** Whether a request's body is NDJSON (JSON Lines by its other name too), whatever its parameters. */
export function isNdjson(request: { raw: IncomingMessage }): boolean {
  return Boolean(typeis(request.raw, ['application/x-ndjson', 'application/jsonl']));
}

/** A line's JSON value, or undefined when the line is not JSON (each line is answered on its own). */
export function parseJsonLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function tooLong(text: string, maxBytes: number): boolean {
  return text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes);
}

function stripReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
