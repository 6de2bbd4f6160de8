import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Draft beside published: a published item keeps its live columns while an editor works on the
 * next version, held in `draft` (slug, fields, metadata) until published or discarded.
 * `published_version` names the live version; every item published today is live at its version.
 */
export class Drafts1764000006000 implements MigrationInterface {
  name = 'Drafts1764000006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE content_items ADD COLUMN published_version integer, ADD COLUMN draft jsonb');
    await queryRunner.query("UPDATE content_items SET published_version = version WHERE status = 'PUBLISHED'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE content_items DROP COLUMN draft, DROP COLUMN published_version');
  }
}
