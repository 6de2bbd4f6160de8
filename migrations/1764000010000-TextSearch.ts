import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Substring search over content fields (`contains`): a trigram index over the item's fields as
 * text, so a search for "zomer" reads the index instead of every row. The index narrows the rows
 * down; the exact per-field test runs on what is left (see ContentItemsRepository).
 */
export class TextSearch1764000010000 implements MigrationInterface {
  name = 'TextSearch1764000010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    // Without the pending list (fastupdate) a search never scans entries not yet merged in: content is read far more than written.
    await queryRunner.query('CREATE INDEX content_items_fields_trgm ON content_items USING gin (lower(fields::text) gin_trgm_ops) WITH (fastupdate = off)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX content_items_fields_trgm');
  }
}
