import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StaleVersionError } from '../../common/errors/domain-errors';
import { OUTBOUND_EVENTS, OutboundEvents } from '../../common/outbox/outbound-events';

export interface ExperimentRecord {
  key: string;
  status: 'RUNNING' | 'CONCLUDED';
  winner: string | null;
  version: number;
  concludedAt: Date | null;
  concludedBy: string | null;
}

const COLUMNS = 'key, status, winner, version, concluded_at AS "concludedAt", concluded_by AS "concludedBy"';

/** What editors decided about experiments; arms and counts live with the variants and the rollups. */
@Injectable()
export class ExperimentsRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOUND_EVENTS) private readonly outbox: OutboundEvents,
  ) {}

  async find(key: string): Promise<ExperimentRecord | null> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM experiments WHERE key = $1`, [key]);
    return row ?? null;
  }

  findAll(): Promise<ExperimentRecord[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM experiments ORDER BY key`);
  }

  concluded(): Promise<{ key: string; winner: string }[]> {
    return this.dataSource.query("SELECT key, winner FROM experiments WHERE status = 'CONCLUDED'");
  }

  /** Concludes with `winner`, if the experiment is still at `expectedVersion` (when given); a never-concluded experiment is at 0. */
  conclude(key: string, winner: string, expectedVersion: number | undefined, author: string): Promise<ExperimentRecord> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query("INSERT INTO experiments (key, status, version) VALUES ($1, 'RUNNING', 0) ON CONFLICT (key) DO NOTHING", [key]);
      const [current] = await manager.query('SELECT version FROM experiments WHERE key = $1 FOR UPDATE', [key]);
      if (expectedVersion !== undefined && current.version !== expectedVersion) throw new StaleVersionError('Experiment', key, expectedVersion, current.version);
      // TypeORM answers an UPDATE … RETURNING with [rows, count].
      const [[saved]] = await manager.query(
        `UPDATE experiments SET status = 'CONCLUDED', winner = $2, version = version + 1, concluded_at = now(), concluded_by = $3 WHERE key = $1 RETURNING ${COLUMNS}`,
        [key, winner, author],
      );
      await this.outbox.record(manager, { type: 'experiment.concluded', subject: `experiment:${key}`, data: { key, winner, version: saved.version, concludedBy: author } });
      return saved;
    });
  }
}
