import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import split2 from 'split2';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { ReceivedEvent, Rejection, TouchpointsService } from './touchpoints.service';

/** Events are stored in chunks as they stream in: memory holds one chunk, never the request. */
const CHUNK = 1_000;
const MAX_LINE_BYTES = 16 * 1024;

interface NdjsonReport {
  accepted: number;
  duplicates: number;
  rejected: { line: number; eventId: string | null; reason: string }[];
}

/** Touchpoints as NDJSON (one event per line), for channel apps that report in bulk. */
@Controller('touchpoints')
export class TouchpointsController {
  private readonly maxLines: number;

  constructor(private readonly touchpoints: TouchpointsService) {
    this.maxLines = touchpoints.maxLinesPerRequest;
  }

  @Post()
  @Roles(Role.DELIVERY, Role.EDITOR)
  @HttpCode(200)
  async ingest(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<NdjsonReport> {
    if (!request.is(['application/x-ndjson', 'application/jsonl'])) {
      throw new BadUserInputError('Send touchpoints as NDJSON: content-type application/x-ndjson, one JSON event per line', 'content-type');
    }
    const report: NdjsonReport = { accepted: 0, duplicates: 0, rejected: [] };
    const lines = request.pipe(split2({ maxLength: MAX_LINE_BYTES }));
    let chunk: ReceivedEvent[] = [];
    let lineNumber = 0;
    const flush = async () => {
      const outcome = await this.touchpoints.record(chunk);
      report.accepted += outcome.accepted;
      report.duplicates += outcome.duplicates;
      report.rejected.push(...outcome.rejected.map(toLine));
      chunk = [];
    };
    try {
      for await (const line of lines as AsyncIterable<string>) {
        lineNumber += 1;
        if (lineNumber > this.maxLines) {
          report.rejected.push({ line: lineNumber, eventId: null, reason: `one request may carry ${this.maxLines} lines; this line and any after it were not read: send them in another request` });
          break;
        }
        if (line.trim() === '') continue;
        const raw = parseLine(line);
        if (raw === undefined) report.rejected.push({ line: lineNumber, eventId: null, reason: 'the line is not valid JSON' });
        else chunk.push({ position: lineNumber, raw });
        if (chunk.length >= CHUNK) await flush();
      }
    } catch (error) {
      if (!isOverlongLine(error)) throw error;
      report.rejected.push({ line: lineNumber + 1, eventId: null, reason: `the line is longer than ${MAX_LINE_BYTES} bytes; it and any after it were not read` });
    }
    if (lineNumber > this.maxLines || lines.destroyed) {
      // The rest of the body is not read: the connection cannot carry another request after it.
      request.unpipe(lines);
      response.setHeader('Connection', 'close');
    }
    if (chunk.length > 0) await flush();
    return report;
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function toLine(rejection: Rejection): NdjsonReport['rejected'][number] {
  return { line: rejection.position, eventId: rejection.eventId, reason: rejection.reason };
}

function isOverlongLine(error: unknown): boolean {
  return error instanceof Error && /maximum buffer reached/i.test(error.message);
}
