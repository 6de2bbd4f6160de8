import { MigrationInterface, QueryRunner } from 'typeorm';

/** Secrets the hub makes for itself (the delivery-token key when none is configured), shared by every instance. */
export class HubSecrets1764000002000 implements MigrationInterface {
  name = 'HubSecrets1764000002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hub_secrets (
        name text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE hub_secrets');
  }
}
