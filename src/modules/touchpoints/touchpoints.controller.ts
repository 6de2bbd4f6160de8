import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { isNdjson, ndjsonLines, OVERLONG_LINE, parseJsonLine } from '../../common/http/ndjson-lines';
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
  constructor(private readonly touchpoints: TouchpointsService) {}

  @Post()
  @Roles(Role.DELIVERY, Role.EDITOR)
  @HttpCode(200)
  async ingest(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<NdjsonReport> {
    if (!isNdjson(request)) {
      throw new BadUserInputError('Send touchpoints as NDJSON: content-type application/x-ndjson, one JSON event per line', 'content-type');
    }
    const maxLines = this.touchpoints.maxLinesPerRequest;
    const report: NdjsonReport = { accepted: 0, duplicates: 0, rejected: [] };
    let chunk: ReceivedEvent[] = [];
    let lineNumber = 0;
    const flush = async () => {
      const outcome = await this.touchpoints.record(chunk);
      report.accepted += outcome.accepted;
      report.duplicates += outcome.duplicates;
      report.rejected.push(...outcome.rejected.map(toLine));
      chunk = [];
    };
    reading: for await (const lines of ndjsonLines(request.raw, MAX_LINE_BYTES)) {
      for (const line of lines) {
        lineNumber += 1;
        if (lineNumber > maxLines) {
          report.rejected.push({ line: lineNumber, eventId: null, reason: `one request may carry ${maxLines} lines; this line and any after it were not read: send them in another request` });
          // The rest of the body stays unread: the connection cannot carry another request after it.
          reply.header('Connection', 'close');
          break reading;
        }
        if (line === OVERLONG_LINE) report.rejected.push({ line: lineNumber, eventId: null, reason: `the line is longer than ${MAX_LINE_BYTES} bytes` });
        else if (line.trim() !== '') {
          const raw = parseJsonLine(line);
          if (raw === undefined) report.rejected.push({ line: lineNumber, eventId: null, reason: 'the line is not valid JSON' });
          else chunk.push({ position: lineNumber, raw });
        }
      }
      if (chunk.length >= CHUNK) await flush();
    }
    if (chunk.length > 0) await flush();
    report.rejected.sort((a, b) => a.line - b.line);
    return report;
  }
}

function toLine(rejection: Rejection): NdjsonReport['rejected'][number] {
  return { line: rejection.position, eventId: rejection.eventId, reason: rejection.reason };
}
