import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError, StaleVersionError } from '../../common/errors/domain-errors';
import { BrandRecord, BrandValues } from './brand-record';

const COLUMNS = `id, theme, locale, name, sender_lines AS "senderLines", return_address AS "returnAddress", email_footer AS "emailFooter", legal,
  unsubscribe_text AS "unsubscribeText", version, updated_at AS "updatedAt", updated_by AS "updatedBy"`;

@Injectable()
export class BrandsRepository {
  constructor(private readonly dataSource: DataSource) {}

  all(): Promise<BrandRecord[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM brands ORDER BY theme NULLS FIRST, locale NULLS FIRST`);
  }

  /** Creates the brand of (theme, locale) or replaces it at `expectedVersion` (required when it exists). */
  upsert(values: BrandValues, expectedVersion: number | undefined, author: string): Promise<BrandRecord> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`brand:${values.theme ?? ''}:${values.locale ?? ''}`]);
      const [current] = await manager.query('SELECT id, version FROM brands WHERE theme IS NOT DISTINCT FROM $1 AND locale IS NOT DISTINCT FROM $2 FOR UPDATE', [values.theme, values.locale]);
      const scope = `${values.theme ?? 'any theme'}/${values.locale ?? 'any locale'}`;
      if (current && expectedVersion !== current.version) throw new StaleVersionError('Brand', scope, expectedVersion ?? 0, current.version);
      if (!current && expectedVersion !== undefined && expectedVersion !== 0) throw new StaleVersionError('Brand', scope, expectedVersion, 0);
      const params = [values.theme, values.locale, values.name, values.senderLines, values.returnAddress, values.emailFooter, values.legal, values.unsubscribeText, author];
      // TypeORM answers an UPDATE … RETURNING with [rows, count], an INSERT … RETURNING with rows.
      const [saved] = current
        ? (await manager.query(
            `UPDATE brands SET name = $3, sender_lines = $4, return_address = $5, email_footer = $6, legal = $7, unsubscribe_text = $8, updated_by = $9, updated_at = now(), version = version + 1
             WHERE theme IS NOT DISTINCT FROM $1 AND locale IS NOT DISTINCT FROM $2 RETURNING ${COLUMNS}`,
            params,
          ))[0]
        : await manager.query(
            `INSERT INTO brands (theme, locale, name, sender_lines, return_address, email_footer, legal, unsubscribe_text, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1) RETURNING ${COLUMNS}`,
            params,
          );
      return saved;
    });
  }

  async delete(theme: string | null, locale: string | null, expectedVersion: number): Promise<BrandRecord> {
    return this.dataSource.transaction(async (manager) => {
      const [current] = await manager.query(`SELECT ${COLUMNS} FROM brands WHERE theme IS NOT DISTINCT FROM $1 AND locale IS NOT DISTINCT FROM $2 FOR UPDATE`, [theme, locale]);
      const scope = `${theme ?? 'any theme'}/${locale ?? 'any locale'}`;
      if (!current) throw new NotFoundError(`No brand is set for ${scope}`);
      if (current.version !== expectedVersion) throw new StaleVersionError('Brand', scope, expectedVersion, current.version);
      await manager.query('DELETE FROM brands WHERE id = $1', [current.id]);
      return current;
    });
  }
}
