import { MigrationInterface, QueryRunner } from 'typeorm';

export class Assets1764000001000 implements MigrationInterface {
  name = 'Assets1764000001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE assets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hash text NOT NULL UNIQUE,
        original_filename text NOT NULL,
        media_type text NOT NULL,
        bytes integer NOT NULL,
        width integer NOT NULL,
        height integer NOT NULL,
        alt jsonb NOT NULL,
        focal_x real CHECK (focal_x IS NULL OR (focal_x >= 0 AND focal_x <= 1)),
        focal_y real CHECK (focal_y IS NULL OR (focal_y >= 0 AND focal_y <= 1)),
        tags text[] NOT NULL DEFAULT '{}',
        storage_key text NOT NULL,
        author text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Finding the items that use an asset: image fields hold { "assetId": … }.
    await queryRunner.query(`CREATE INDEX content_items_fields ON content_items USING gin (fields jsonb_path_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX content_items_fields`);
    await queryRunner.query(`DROP TABLE assets`);
  }
}
