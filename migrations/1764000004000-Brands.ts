import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who messages come from, per theme and locale (either may be null: any), edited through GraphQL. */
export class Brands1764000004000 implements MigrationInterface {
  name = 'Brands1764000004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE brands (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        theme text,
        locale text,
        name text NOT NULL,
        sender_lines text[] NOT NULL,
        return_address text,
        email_footer text,
        legal text,
        unsubscribe_text text,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        CONSTRAINT brands_scope UNIQUE NULLS NOT DISTINCT (theme, locale)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE brands');
  }
}
