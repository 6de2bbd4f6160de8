import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Variants follow their item's draft: while the item is published, a new variant waits
 * (`live = false`) and a change or deletion waits in `pending` until the item's draft is
 * published (or discarded). Every variant stored today is live.
 */
export class VariantDrafts1764000007000 implements MigrationInterface {
  name = 'VariantDrafts1764000007000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE channel_variants ADD COLUMN live boolean NOT NULL DEFAULT true, ADD COLUMN pending jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE channel_variants DROP COLUMN pending, DROP COLUMN live');
  }
}
