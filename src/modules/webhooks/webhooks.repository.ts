import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { StaleVersionError } from '../../common/errors/domain-errors';
import { WebhookDeliveryRecord, WebhookRecord } from './webhook-record';

const COLUMNS = `id, url, events, secret, description, enabled, disabled_reason AS "disabledReason", failing_since AS "failingSince",
  version, created_at AS "createdAt", updated_at AS "updatedAt"`;

const DELIVERY_COLUMNS = `id::text AS id, event_id AS "eventId", event, attempt, status_code AS "statusCode", duration_ms AS "durationMs",
  delivered_at AS "deliveredAt", error, attempted_at AS "attemptedAt"`;

export type WebhookChanges = Partial<Pick<WebhookRecord, 'url' | 'events' | 'secret' | 'description' | 'enabled'>>;

/** The only place that speaks SQL about webhooks and their delivery log. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  findAll(): Promise<WebhookRecord[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM webhooks ORDER BY created_at, id`);
  }

  async find(id: string): Promise<WebhookRecord | null> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM webhooks WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Enabled webhooks that subscribe to `event`, read inside the transaction that records the event. */
  subscribers(manager: EntityManager, event: string): Promise<{ id: string }[]> {
    return manager.query('SELECT id FROM webhooks WHERE enabled AND $1 = ANY(events) ORDER BY id', [event]);
  }

  async insert(values: Pick<WebhookRecord, 'url' | 'events' | 'secret' | 'description'>): Promise<WebhookRecord> {
    const [row] = await this.dataSource.query(`INSERT INTO webhooks (url, events, secret, description) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`, [
      values.url,
      values.events,
      values.secret,
      values.description,
    ]);
    return row;
  }

  /** Applies `changes` at `expectedVersion`; enabling clears the failure state. */
  async update(id: string, expectedVersion: number, changes: WebhookChanges): Promise<WebhookRecord | null> {
    return this.dataSource.transaction(async (manager) => {
      const [current] = await manager.query('SELECT version FROM webhooks WHERE id = $1 FOR UPDATE', [id]);
      if (!current) return null;
      if (current.version !== expectedVersion) throw new StaleVersionError('Webhook', id, expectedVersion, current.version);
      const [[row]] = await manager.query(
        `UPDATE webhooks SET url = coalesce($2, url), events = coalesce($3, events), secret = coalesce($4, secret), description = coalesce($5, description),
           enabled = coalesce($6, enabled),
           disabled_reason = CASE WHEN $6 THEN NULL ELSE disabled_reason END,
           failing_since = CASE WHEN $6 THEN NULL ELSE failing_since END,
           version = version + 1, updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, changes.url ?? null, changes.events ?? null, changes.secret ?? null, changes.description ?? null, changes.enabled ?? null],
      );
      return row;
    });
  }

  async delete(id: string, expectedVersion: number): Promise<WebhookRecord | null> {
    return this.dataSource.transaction(async (manager) => {
      const [current] = await manager.query(`SELECT ${COLUMNS} FROM webhooks WHERE id = $1 FOR UPDATE`, [id]);
      if (!current) return null;
      if (current.version !== expectedVersion) throw new StaleVersionError('Webhook', id, expectedVersion, current.version);
      await manager.query('DELETE FROM webhooks WHERE id = $1', [id]);
      return current;
    });
  }

  async recordAttempt(webhookId: string, attempt: Omit<WebhookDeliveryRecord, 'id' | 'attemptedAt'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO webhook_deliveries (webhook_id, event_id, event, attempt, status_code, duration_ms, delivered_at, error) SELECT $1, $2, $3, $4, $5, $6, $7, $8
       WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = $1)`,
      [webhookId, attempt.eventId, attempt.event, attempt.attempt, attempt.statusCode, attempt.durationMs, attempt.deliveredAt, attempt.error],
    );
  }

  async markHealthy(webhookId: string): Promise<void> {
    await this.dataSource.query('UPDATE webhooks SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL', [webhookId]);
  }

  /** Notes a failure and answers since when the webhook has been failing without a success in between. */
  async markFailing(webhookId: string): Promise<Date | null> {
    const [rows] = await this.dataSource.query('UPDATE webhooks SET failing_since = coalesce(failing_since, now()) WHERE id = $1 RETURNING failing_since AS "failingSince"', [webhookId]);
    return rows[0]?.failingSince ?? null;
  }

  /** Disables the webhook only if it is still failing for `windowMs` (an ADMIN may have re-enabled it meanwhile). */
  async disable(webhookId: string, windowMs: number, reason: string): Promise<void> {
    await this.dataSource.query(
      "UPDATE webhooks SET enabled = false, disabled_reason = $3, version = version + 1, updated_at = now() WHERE id = $1 AND enabled AND failing_since <= now() - $2 * interval '1 millisecond'",
      [webhookId, windowMs, reason],
    );
  }

  /** Attempts newest first, after the attempt with id `afterId`. */
  deliveries(webhookId: string, limit: number, afterId: string | null): Promise<WebhookDeliveryRecord[]> {
    return this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE webhook_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint) ORDER BY id DESC LIMIT $3`,
      [webhookId, afterId, limit],
    );
  }
}
