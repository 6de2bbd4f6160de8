import { hash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ANSWERING_TYPES, Touchpoint } from './touchpoint';

/** A stored touchpoint as the customer's history shows it. */
export interface StoredTouchpoint extends Touchpoint {
  receivedAt: Date;
}

export interface HistoryPosition {
  occurredAt: Date;
  eventId: string;
}

/** Deadlocks between concurrent batches are resolved by PostgreSQL aborting one; it is simply run again. */
const RETRIED_SQLSTATES = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

const COLUMNS = `event_id AS "eventId", type, occurred_at AS "occurredAt", received_at AS "receivedAt", customer_id AS "customerId", channel, theme,
  item_id AS "itemId", item_version AS "itemVersion", variant_id AS "variantId", experiment, arm, locale, personas, value::float8 AS value, currency, attributes`;

/**
 * Raw touchpoints, their receipts and rollups. One statement stores a batch: the receipts decide
 * which events are new (a replayed event id is skipped), only those are stored, and the hourly
 * and daily rollups and the answered themes grow by exactly what was stored, in the same transaction.
 */
@Injectable()
export class TouchpointsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the events not seen before (by event id) and answers how many that were. */
  async store(touchpoints: Touchpoint[]): Promise<number> {
    if (touchpoints.length === 0) return 0;
    const rows = touchpoints.map((touchpoint) => ({
      event_key: eventKey(touchpoint.eventId),
      event_id: touchpoint.eventId,
      type: touchpoint.type,
      occurred_at: touchpoint.occurredAt.toISOString(),
      customer_id: touchpoint.customerId,
      channel: touchpoint.channel,
      theme: touchpoint.theme,
      item_id: touchpoint.itemId,
      item_version: touchpoint.itemVersion,
      variant_id: touchpoint.variantId,
      experiment: touchpoint.experiment,
      arm: touchpoint.arm,
      locale: touchpoint.locale,
      personas: touchpoint.personas,
      value: touchpoint.value,
      currency: touchpoint.currency,
      attributes: touchpoint.attributes,
    }));
    for (let attempt = 1; ; attempt += 1) {
      try {
        const [{ accepted }] = await this.dataSource.query(STORE_BATCH, [JSON.stringify(rows), ANSWERING_TYPES]);
        return accepted;
      } catch (error) {
        if (attempt >= ATTEMPTS || !RETRIED_SQLSTATES.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }

  /** One customer's touchpoints across channels, newest first. */
  history(customerId: string, limit: number, after: HistoryPosition | null): Promise<StoredTouchpoint[]> {
    return after
      ? this.dataSource.query(
          `SELECT ${COLUMNS} FROM touchpoints WHERE customer_id = $1 AND (occurred_at, event_id) < ($2, $3) ORDER BY occurred_at DESC, event_id DESC LIMIT $4`,
          [customerId, after.occurredAt, after.eventId, limit],
        )
      : this.dataSource.query(`SELECT ${COLUMNS} FROM touchpoints WHERE customer_id = $1 ORDER BY occurred_at DESC, event_id DESC LIMIT $2`, [customerId, limit]);
  }

  /** Erases the customer's raw events and answers; rollups hold no customer and keep their counts. */
  forget(customerId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [, deleted] = await manager.query('DELETE FROM touchpoints WHERE customer_id = $1', [customerId]);
      await manager.query('DELETE FROM customer_answers WHERE customer_id = $1', [customerId]);
      return deleted as number;
    });
  }

  async answeredThemes(customerId: string): Promise<string[]> {
    const rows: { theme: string }[] = await this.dataSource.query('SELECT theme FROM customer_answers WHERE customer_id = $1', [customerId]);
    return rows.map((row) => row.theme);
  }
}

/** 16 bytes of SHA-256: ids are compared without being kept. */
function eventKey(eventId: string): string {
  return hash('sha256', eventId, 'hex').slice(0, 32);
}

/**
 * The CTE that adds the stored events to one rollup table: counted per period (`hour` or `day`,
 * UTC) and the rest of the rollup key, in key order.
 */
function rollUp(name: string, table: string, period: 'hour' | 'day'): string {
  const key = `${period}, theme, item_id, variant_id, experiment, arm, channel, personas, locale, type`;
  return `${name} AS (
  INSERT INTO ${table} AS r (${key}, events, value)
  SELECT date_trunc('${period}', occurred_at, 'UTC') AS ${period}, coalesce(theme, '') AS theme, item_id, variant_id, coalesce(experiment, '') AS experiment,
         coalesce(arm, '') AS arm, channel, personas, coalesce(locale, '') AS locale, type, count(*), coalesce(sum(value), 0)
  FROM stored
  GROUP BY ${key}
  ORDER BY ${key}
  ON CONFLICT ON CONSTRAINT ${table}_key DO UPDATE SET events = r.events + excluded.events, value = r.value + excluded.value
)`;
}

// Rows are locked in key order in every statement, so two concurrent batches never wait on each other in a circle.
const STORE_BATCH = `
WITH input AS (
  SELECT decode(t.event_key, 'hex') AS event_key, t.event_id, t.type, t.occurred_at, t.customer_id, t.channel, t.theme, t.item_id, t.item_version,
         t.variant_id, t.experiment, t.arm, t.locale, ARRAY(SELECT jsonb_array_elements_text(t.personas)) AS personas, t.value, t.currency, t.attributes
  FROM jsonb_to_recordset($1::jsonb) AS t(event_key text, event_id text, type text, occurred_at timestamptz, customer_id text, channel text, theme text,
       item_id uuid, item_version integer, variant_id uuid, experiment text, arm text, locale text, personas jsonb, value numeric, currency text, attributes jsonb)
),
fresh AS (
  INSERT INTO touchpoint_receipts (event_key, occurred_at)
  SELECT event_key, occurred_at FROM input ORDER BY event_key
  ON CONFLICT DO NOTHING
  RETURNING event_key
),
stored AS (
  INSERT INTO touchpoints (event_id, type, occurred_at, customer_id, channel, theme, item_id, item_version, variant_id, experiment, arm, locale, personas, value, currency, attributes)
  SELECT event_id, type, occurred_at, customer_id, channel, theme, item_id, item_version, variant_id, experiment, arm, locale, personas, value, currency, attributes
  FROM input WHERE event_key IN (SELECT event_key FROM fresh)
  RETURNING occurred_at, type, customer_id, channel, theme, item_id, variant_id, experiment, arm, locale, personas, value
),
${rollUp('rolled_hourly', 'touchpoint_rollups', 'hour')},
${rollUp('rolled_daily', 'touchpoint_daily_rollups', 'day')},
answered AS (
  INSERT INTO customer_answers AS a (customer_id, theme, answered_at)
  SELECT customer_id, theme, max(occurred_at) FROM stored
  WHERE type = ANY($2::text[]) AND customer_id IS NOT NULL AND theme IS NOT NULL
  GROUP BY customer_id, theme
  ORDER BY customer_id, theme
  ON CONFLICT (customer_id, theme) DO UPDATE SET answered_at = greatest(a.answered_at, excluded.answered_at)
)
SELECT count(*)::int AS accepted FROM fresh`;
