import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE content_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        model text NOT NULL,
        slug text NOT NULL,
        locale text NOT NULL,
        fields jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
        version integer NOT NULL,
        theme text,
        purpose text CHECK (purpose IN ('INSPIRE', 'MOTIVATE', 'CONVERSE', 'SUPPORT')),
        journey_stages text[] NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        persona_tags text[] NOT NULL DEFAULT '{}',
        channels text[] NOT NULL DEFAULT '{}',
        priority integer NOT NULL DEFAULT 0,
        valid_from timestamptz,
        valid_until timestamptz,
        attributes jsonb NOT NULL DEFAULT '{}',
        author text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        published_at timestamptz,
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', coalesce(slug, '') || ' ' || coalesce(theme, '')), 'A') ||
          setweight(jsonb_to_tsvector('simple', fields, '["string"]'), 'B')
        ) STORED
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX content_items_model_slug_locale ON content_items (model, slug, locale)`);
    await queryRunner.query(`CREATE INDEX content_items_status ON content_items (status)`);
    await queryRunner.query(`CREATE INDEX content_items_locale ON content_items (locale)`);
    await queryRunner.query(`CREATE INDEX content_items_theme ON content_items (theme)`);
    // The default page order (newest first, id as tie-break) is also the keyset cursor.
    await queryRunner.query(`CREATE INDEX content_items_updated_id ON content_items (updated_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX content_items_status_updated_id ON content_items (status, updated_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX content_items_tags ON content_items USING gin (tags)`);
    await queryRunner.query(`CREATE INDEX content_items_persona_tags ON content_items USING gin (persona_tags)`);
    await queryRunner.query(`CREATE INDEX content_items_journey_stages ON content_items USING gin (journey_stages)`);
    await queryRunner.query(`CREATE INDEX content_items_search ON content_items USING gin (search_vector)`);

    await queryRunner.query(`
      CREATE TABLE content_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES content_items (id) ON DELETE RESTRICT,
        revision integer NOT NULL,
        snapshot jsonb NOT NULL,
        author text NOT NULL,
        change text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (item_id, revision)
      )`);

    await queryRunner.query(`
      CREATE TABLE channel_variants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES content_items (id) ON DELETE RESTRICT,
        channel text NOT NULL,
        persona_tags text[] NOT NULL DEFAULT '{}',
        locale text,
        fields jsonb NOT NULL,
        experiment_key text,
        experiment_weight integer CHECK (experiment_weight IS NULL OR experiment_weight > 0),
        label text,
        version integer NOT NULL,
        author text NOT NULL,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX channel_variants_item ON channel_variants (item_id) WHERE deleted_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE personas (
        key text PRIMARY KEY,
        name text NOT NULL,
        description text,
        criteria jsonb,
        channel_preferences text[] NOT NULL DEFAULT '{}',
        tone text NOT NULL CHECK (tone IN ('FORMAL', 'INFORMAL')),
        version integer NOT NULL,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN', 'EDITOR', 'PREVIEW', 'DELIVERY')),
        key_hash text NOT NULL UNIQUE,
        prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_keys`);
    await queryRunner.query(`DROP TABLE personas`);
    await queryRunner.query(`DROP TABLE channel_variants`);
    await queryRunner.query(`DROP TABLE content_revisions`);
    await queryRunner.query(`DROP TABLE content_items`);
  }
}
