import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { KNOWN_CHANNELS, KnownChannels } from '../content/known-channels';
import { DeliveryTokensService } from '../delivery-tokens/delivery-tokens.service';
import { parseTouchpoint, Touchpoint, TouchpointRules } from './touchpoint';
import { TouchpointPartitions } from './touchpoint-partitions';
import { TouchpointsRepository } from './touchpoints.repository';

/** An event as received, with where it was in the request (an index in GraphQL, a line number in NDJSON). */
export interface ReceivedEvent {
  position: number;
  raw: unknown;
}

export interface Rejection {
  position: number;
  eventId: string | null;
  reason: string;
}

/** What became of one batch: stored (new), skipped (seen before) and refused, with reasons. */
export interface IngestReport {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
}

/**
 * Ingestion of touchpoints: each event is checked on its own (a bad one is refused with its
 * reason, the good ones are kept), attributed through its delivery token, and stored with its
 * rollups before the call answers — an acknowledged event is in PostgreSQL.
 */
@Injectable()
export class TouchpointsService {
  constructor(
    private readonly repository: TouchpointsRepository,
    private readonly partitions: TouchpointPartitions,
    private readonly tokens: DeliveryTokensService,
    @Inject(KNOWN_CHANNELS) private readonly channels: KnownChannels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get maxLinesPerRequest(): number {
    return this.config.touchpoints.maxLines;
  }

  async record(events: ReceivedEvent[]): Promise<IngestReport> {
    const now = new Date();
    const rules: TouchpointRules = {
      now,
      clockSkewSeconds: this.config.touchpoints.clockSkewSeconds,
      oldestAccepted: this.partitions.oldestAccepted(now),
      currency: this.config.touchpoints.currency,
      channels: this.channels.keys(),
      verifyToken: (token) => this.tokens.verify(token),
    };
    const rejected: Rejection[] = [];
    const seen = new Set<string>();
    const fresh: Touchpoint[] = [];
    let duplicates = 0;
    for (const { position, raw } of events) {
      const parsed = parseTouchpoint(raw, rules);
      if ('reason' in parsed) {
        rejected.push({ position, eventId: eventIdOf(raw), reason: parsed.reason });
      } else if (seen.has(parsed.touchpoint.eventId)) {
        duplicates += 1;
      } else {
        seen.add(parsed.touchpoint.eventId);
        fresh.push(parsed.touchpoint);
      }
    }
    await this.partitions.ensure(fresh.map((touchpoint) => touchpoint.occurredAt));
    const accepted = await this.repository.store(fresh);
    return { accepted, duplicates: duplicates + fresh.length - accepted, rejected };
  }
}

function eventIdOf(raw: unknown): string | null {
  const eventId = raw !== null && typeof raw === 'object' ? (raw as { eventId?: unknown }).eventId : undefined;
  return typeof eventId === 'string' ? eventId.slice(0, 200) : null;
}
