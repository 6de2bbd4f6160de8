import { Injectable } from '@nestjs/common';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { TouchpointConnectionModel } from './touchpoint.graphql';
import { HistoryPosition, TouchpointsRepository } from './touchpoints.repository';
import { checkPageSize } from '../../common/pagination/page-size';

const MAX_PAGE = 200;

/** One customer's story: the contact history across channels, the themes they answered, and erasure on request. */
@Injectable()
export class CustomerHistoryService {
  constructor(private readonly repository: TouchpointsRepository) {}

  async page(customerId: string, first: number, after: string | undefined): Promise<TouchpointConnectionModel> {
    checkPageSize(first, MAX_PAGE);
    const rows = await this.repository.history(customerId, first + 1, after ? decodePosition(after) : null);
    const page = rows.slice(0, first);
    const edges = page.map((node) => ({ node, cursor: encodePosition({ occurredAt: node.occurredAt, eventId: node.eventId }) }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  forget(customerId: string): Promise<number> {
    return this.repository.forget(customerId);
  }

  /** Themes the customer RESPONDED to or CONVERTED on. */
  answeredThemes(customerId: string): Promise<string[]> {
    return this.repository.answeredThemes(customerId);
  }
}

function encodePosition(position: HistoryPosition): string {
  return Buffer.from(JSON.stringify([position.occurredAt.toISOString(), position.eventId])).toString('base64url');
}

function decodePosition(cursor: string): HistoryPosition {
  const invalid = () => new BadUserInputError('after is not a cursor this API handed out; use pageInfo.endCursor of the previous page', 'after');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor.slice(0, 1000), 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || typeof decoded[0] !== 'string' || typeof decoded[1] !== 'string') throw invalid();
  const occurredAt = new Date(decoded[0]);
  if (Number.isNaN(occurredAt.getTime())) throw invalid();
  return { occurredAt, eventId: decoded[1] };
}
