import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Translations as one family: an item's family is `family_id`, or its own id when that is null.
 * Existing items of one model that share a slug across locales were written as one message, so
 * they become one family (led by the oldest).
 */
export class Translations1764000005000 implements MigrationInterface {
  name = 'Translations1764000005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE content_items ADD COLUMN family_id uuid');
    await queryRunner.query(`
      UPDATE content_items AS item SET family_id = families.leader
      FROM (
        SELECT model, slug, (array_agg(id ORDER BY created_at, id))[1] AS leader
        FROM content_items GROUP BY model, slug HAVING count(*) > 1
      ) AS families
      WHERE item.model = families.model AND item.slug = families.slug AND item.id <> families.leader`);
    await queryRunner.query('CREATE UNIQUE INDEX content_items_family_locale ON content_items ((coalesce(family_id, id)), locale)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX content_items_family_locale');
    await queryRunner.query('ALTER TABLE content_items DROP COLUMN family_id');
  }
}
