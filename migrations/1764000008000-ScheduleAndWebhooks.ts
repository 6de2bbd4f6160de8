import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled transitions of content items (the jobs that carry them out live in pg-boss's own
 * schema), and outbound webhooks with a log of every delivery attempt.
 */
export class ScheduleAndWebhooks1764000008000 implements MigrationInterface {
  name = 'ScheduleAndWebhooks1764000008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE content_items ADD COLUMN publish_at timestamptz, ADD COLUMN unpublish_at timestamptz');
    await queryRunner.query('CREATE INDEX content_items_scheduled ON content_items (publish_at) WHERE publish_at IS NOT NULL');
    await queryRunner.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        description text NOT NULL DEFAULT '',
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        failing_since timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id bigserial PRIMARY KEY,
        webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event text NOT NULL,
        attempt integer NOT NULL,
        status_code integer,
        duration_ms integer NOT NULL,
        delivered_at timestamptz,
        error text,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX webhook_deliveries_newest ON webhook_deliveries (webhook_id, id DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_deliveries');
    await queryRunner.query('DROP TABLE webhooks');
    await queryRunner.query('ALTER TABLE content_items DROP COLUMN unpublish_at, DROP COLUMN publish_at');
  }
}
