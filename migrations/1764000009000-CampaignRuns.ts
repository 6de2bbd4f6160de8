import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaign runs: one message rendered for a whole audience. The audience is stored line by line,
 * work is split in chunks (each one pg-boss job; the chunk row says whether its output is in),
 * and the output files live in the asset storage.
 */
export class CampaignRuns1764000009000 implements MigrationInterface {
  name = 'CampaignRuns1764000009000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE campaign_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        item_id uuid,
        selector jsonb,
        channel text NOT NULL,
        run_at timestamptz NOT NULL,
        preview boolean NOT NULL DEFAULT false,
        state text NOT NULL,
        total integer NOT NULL DEFAULT 0,
        done integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        skipped_reasons jsonb NOT NULL DEFAULT '{}',
        chunk_size integer NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query('CREATE INDEX campaign_runs_newest ON campaign_runs (created_at DESC, id DESC)');
    // `position` is the rendering order, set at start: the line number, or the print shop's order for print channels.
    await queryRunner.query('CREATE TABLE campaign_run_audience (run_id uuid NOT NULL REFERENCES campaign_runs (id) ON DELETE CASCADE, line integer NOT NULL, position integer, context jsonb, PRIMARY KEY (run_id, line))');
    await queryRunner.query('CREATE INDEX campaign_run_audience_position ON campaign_run_audience (run_id, position)');
    await queryRunner.query(`
      CREATE TABLE campaign_run_chunks (
        run_id uuid NOT NULL REFERENCES campaign_runs (id) ON DELETE CASCADE,
        chunk integer NOT NULL,
        first_position integer NOT NULL,
        last_position integer NOT NULL,
        done boolean NOT NULL DEFAULT false,
        output_key text,
        print_key text,
        PRIMARY KEY (run_id, chunk)
      )`);
    await queryRunner.query('CREATE TABLE campaign_run_skips (run_id uuid NOT NULL REFERENCES campaign_runs (id) ON DELETE CASCADE, line integer NOT NULL, reason text NOT NULL, message text NOT NULL, PRIMARY KEY (run_id, line))');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE campaign_run_skips, campaign_run_chunks, campaign_run_audience, campaign_runs');
  }
}
