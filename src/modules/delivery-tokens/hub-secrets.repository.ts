import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class HubSecretsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The named secret, made on first use; concurrent first starts of several instances agree on one. */
  async loadOrCreate(name: string): Promise<string> {
    await this.dataSource.query('INSERT INTO hub_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(32).toString('base64url')]);
    const [row] = (await this.dataSource.query('SELECT value FROM hub_secrets WHERE name = $1', [name])) as { value: string }[];
    return row.value;
  }
}
