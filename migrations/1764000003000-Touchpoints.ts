import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The campaign loop's storage: raw touchpoints partitioned by month (partitions are created by the
 * hub as months come), receipts that make event ids idempotent across partitions, hourly rollups
 * (and daily ones) that KPI queries read, the themes each customer answered, and experiments' conclusions.
 */
export class Touchpoints1764000003000 implements MigrationInterface {
  name = 'Touchpoints1764000003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE touchpoints (
        event_id text NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        customer_id text,
        channel text NOT NULL,
        theme text,
        item_id uuid,
        item_version integer,
        variant_id uuid,
        experiment text,
        arm text,
        locale text,
        personas text[] NOT NULL DEFAULT '{}',
        value numeric(20, 4),
        currency text,
        attributes jsonb
      ) PARTITION BY RANGE (occurred_at)`);
    await queryRunner.query('CREATE INDEX touchpoints_customer ON touchpoints (customer_id, occurred_at DESC, event_id DESC) WHERE customer_id IS NOT NULL');
    // A hash of the event id, not the id itself: a client may have put a customer id into it, and receipts outlive forgetCustomer.
    await queryRunner.query(`
      CREATE TABLE touchpoint_receipts (
        event_key bytea PRIMARY KEY,
        occurred_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX touchpoint_receipts_occurred ON touchpoint_receipts (occurred_at)');
    await queryRunner.query(`
      CREATE TABLE touchpoint_rollups (
        hour timestamptz NOT NULL,
        theme text NOT NULL,
        item_id uuid,
        variant_id uuid,
        experiment text NOT NULL,
        arm text NOT NULL,
        channel text NOT NULL,
        personas text[] NOT NULL,
        locale text NOT NULL,
        type text NOT NULL,
        events bigint NOT NULL,
        value numeric NOT NULL,
        CONSTRAINT touchpoint_rollups_key UNIQUE NULLS NOT DISTINCT (hour, theme, item_id, variant_id, experiment, arm, channel, personas, locale, type)
      )`);
    // The same counts per UTC day: reports over weeks and months read 24 times fewer rows.
    await queryRunner.query(`
      CREATE TABLE touchpoint_daily_rollups (
        day timestamptz NOT NULL,
        theme text NOT NULL,
        item_id uuid,
        variant_id uuid,
        experiment text NOT NULL,
        arm text NOT NULL,
        channel text NOT NULL,
        personas text[] NOT NULL,
        locale text NOT NULL,
        type text NOT NULL,
        events bigint NOT NULL,
        value numeric NOT NULL,
        CONSTRAINT touchpoint_daily_rollups_key UNIQUE NULLS NOT DISTINCT (day, theme, item_id, variant_id, experiment, arm, channel, personas, locale, type)
      )`);
    await queryRunner.query('CREATE INDEX touchpoint_daily_rollups_theme ON touchpoint_daily_rollups (theme, day)');
    await queryRunner.query('CREATE INDEX touchpoint_daily_rollups_item ON touchpoint_daily_rollups (item_id, day)');
    await queryRunner.query("CREATE INDEX touchpoint_daily_rollups_experiment ON touchpoint_daily_rollups (experiment, arm) WHERE experiment <> ''");
    await queryRunner.query('CREATE INDEX touchpoint_rollups_theme ON touchpoint_rollups (theme, hour)');
    await queryRunner.query('CREATE INDEX touchpoint_rollups_item ON touchpoint_rollups (item_id, hour)');
    await queryRunner.query("CREATE INDEX touchpoint_rollups_experiment ON touchpoint_rollups (experiment, arm) WHERE experiment <> ''");
    await queryRunner.query(`
      CREATE TABLE customer_answers (
        customer_id text NOT NULL,
        theme text NOT NULL,
        answered_at timestamptz NOT NULL,
        PRIMARY KEY (customer_id, theme)
      )`);
    await queryRunner.query(`
      CREATE TABLE experiments (
        key text PRIMARY KEY,
        status text NOT NULL,
        winner text,
        version integer NOT NULL,
        concluded_at timestamptz,
        concluded_by text
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE experiments, customer_answers, touchpoint_daily_rollups, touchpoint_rollups, touchpoint_receipts, touchpoints');
  }
}
