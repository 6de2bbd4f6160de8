import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OUTBOUND_EVENTS, OutboundEvents } from '../../common/outbox/outbound-events';
import { holdsNul } from '../../common/json/holds-nul';
import { AudienceLine, CampaignRunRecord, CampaignRunState, CampaignSkip, CampaignTarget, ChunkOutcome, DoneChunk, FAILED } from './campaign-run-record';

const COLUMNS = `id, name, item_id AS "itemId", selector, channel, run_at AS "runAt", preview, state, total, done, skipped, failed,
  skipped_reasons AS "skippedReasons", chunk_size AS "chunkSize", created_by AS "createdBy", created_at AS "createdAt",
  started_at AS "startedAt", finished_at AS "finishedAt", version`;

/** Skipped lines kept per run with their message (all are counted). */
const MAX_SKIPS_KEPT = 10_000;

/** The only place that speaks SQL about campaign runs, their audience and their chunks. */
@Injectable()
export class CampaignRunsRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOUND_EVENTS) private readonly outbox: OutboundEvents,
  ) {}

  async find(id: string): Promise<CampaignRunRecord | null> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM campaign_runs WHERE id = $1`, [id]);
    return row ?? null;
  }

  list(limit: number): Promise<CampaignRunRecord[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM campaign_runs ORDER BY created_at DESC, id DESC LIMIT $1`, [limit]);
  }

  inPeriod(from: Date, to: Date, channel: string | null, limit: number): Promise<CampaignRunRecord[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM campaign_runs WHERE run_at >= $1 AND run_at < $2 AND state <> 'CANCELLED' AND ($3::text IS NULL OR channel = $3) ORDER BY run_at, id LIMIT $4`,
      [from, to, channel, limit],
    );
  }

  /** A new DRAFT run; with `manager`, inside that transaction (a run created with its audience comes with all of it or not at all). */
  async insert(name: string, target: CampaignTarget, chunkSize: number, createdBy: string, manager: EntityManager = this.dataSource.manager): Promise<CampaignRunRecord> {
    const [row] = await manager.query(
      `INSERT INTO campaign_runs (name, item_id, selector, channel, run_at, preview, state, chunk_size, created_by) VALUES ($1, $2, $3, $4, $5, $6, 'DRAFT', $7, $8) RETURNING ${COLUMNS}`,
      [name, target.itemId, target.selector, target.channel, target.runAt, target.preview, chunkSize, createdBy],
    );
    return row;
  }

  /** `work` in one transaction, for a run created and started together. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Runs `work` in a transaction holding the run's row lock, so state changes (upload, start,
   * pause, the last chunk finishing) happen one at a time. Answers null when there is no such run.
   */
  async withRun<T>(id: string, work: (run: CampaignRunRecord, manager: EntityManager) => Promise<T>): Promise<T | null> {
    return this.dataSource.transaction(async (manager) => {
      const [run] = await manager.query(`SELECT ${COLUMNS} FROM campaign_runs WHERE id = $1 FOR UPDATE`, [id]);
      return run ? work(run, manager) : null;
    });
  }

  async setState(manager: EntityManager, id: string, state: CampaignRunState, extra: { started?: boolean } = {}): Promise<CampaignRunRecord> {
    const [[row]] = await manager.query(
      `UPDATE campaign_runs SET state = $2, version = version + 1, started_at = CASE WHEN $3 THEN coalesce(started_at, now()) ELSE started_at END,
         finished_at = CASE WHEN $2 IN ('FINISHED', 'CANCELLED', 'FAILED') THEN now() ELSE finished_at END
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, state, extra.started === true],
    );
    return row;
  }

  /**
   * Appends audience lines with their numbers and counts them into the run's total. A context
   * jsonb cannot hold (a NUL character in it) is stored as null, an invalid line the run reports,
   * so it cannot sink the rest.
   */
  async addAudience(manager: EntityManager, id: string, lines: AudienceLine[]): Promise<void> {
    const storable = lines.map(({ line, context }) => ({ line, context: holdsNul(context) ? null : context }));
    await manager.query(
      `INSERT INTO campaign_run_audience (run_id, line, context) SELECT $1, (entry ->> 'line')::int, entry -> 'context' FROM jsonb_array_elements($2::jsonb) AS entry`,
      [id, JSON.stringify(storable)],
    );
    await manager.query('UPDATE campaign_runs SET total = total + $2 WHERE id = $1', [id, lines.length]);
  }

  /** The highest line number of the run's audience so far (0: none), so a second upload numbers on. */
  async lastLine(manager: EntityManager, id: string): Promise<number> {
    const [{ last }] = await manager.query('SELECT coalesce(max(line), 0)::int AS last FROM campaign_run_audience WHERE run_id = $1', [id]);
    return last;
  }

  /**
   * Orders the audience for rendering (by line, or by the value at `sortPath` in the customer's
   * attributes, then line) and splits it into chunks of `chunkSize`; answers the chunk numbers.
   */
  async createChunks(manager: EntityManager, id: string, total: number, chunkSize: number, sortPath: string[] | null): Promise<number[]> {
    await manager.query(
      `UPDATE campaign_run_audience AS audience SET position = ordered.position
       FROM (SELECT line, row_number() OVER (ORDER BY CASE WHEN $2::text[] IS NULL THEN NULL ELSE context -> 'attributes' #>> $2::text[] END COLLATE "C" NULLS FIRST, line)::int AS position
             FROM campaign_run_audience WHERE run_id = $1) AS ordered
       WHERE audience.run_id = $1 AND audience.line = ordered.line`,
      [id, sortPath],
    );
    const chunks = Math.ceil(total / chunkSize);
    await manager.query(
      `INSERT INTO campaign_run_chunks (run_id, chunk, first_position, last_position) SELECT $1, n, n * $2 + 1, least((n + 1) * $2, $3) FROM generate_series(0, $4::int - 1) AS n`,
      [id, chunkSize, total, chunks],
    );
    return Array.from({ length: chunks }, (_, index) => index);
  }

  async pendingChunks(manager: EntityManager, id: string): Promise<number[]> {
    const rows: { chunk: number }[] = await manager.query('SELECT chunk FROM campaign_run_chunks WHERE run_id = $1 AND NOT done ORDER BY chunk', [id]);
    return rows.map((row) => row.chunk);
  }

  /** The chunk's audience lines, or null when the chunk's output is in already. */
  async chunkAudience(id: string, chunk: number): Promise<{ line: number; context: unknown }[] | null> {
    const [range] = await this.dataSource.query('SELECT first_position AS "first", last_position AS "last", done FROM campaign_run_chunks WHERE run_id = $1 AND chunk = $2', [id, chunk]);
    if (!range || range.done) return null;
    return this.dataSource.query('SELECT line, context FROM campaign_run_audience WHERE run_id = $1 AND position BETWEEN $2 AND $3 ORDER BY position', [id, range.first, range.last]);
  }

  /**
   * Records a chunk's outcome once and answers the run, or null when another rendering of the
   * chunk completed first (its files are the chunk's; this one's should be removed). The run
   * finishes with its last chunk.
   */
  async completeChunk(id: string, chunk: number, outcome: ChunkOutcome): Promise<CampaignRunRecord | null> {
    return this.withRun(id, async (_run, manager) => {
      const [, marked] = await manager.query('UPDATE campaign_run_chunks SET done = true, output_key = $3, print_key = $4 WHERE run_id = $1 AND chunk = $2 AND NOT done', [
        id,
        chunk,
        outcome.outputKey,
        outcome.printKey,
      ]);
      if (marked === 0) return null;
      const reasons: Record<string, number> = {};
      for (const skip of outcome.skips) if (skip.reason !== FAILED) reasons[skip.reason] = (reasons[skip.reason] ?? 0) + 1;
      if (outcome.skips.length > 0) await this.insertSkips(manager, id, outcome.skips);
      await manager.query(
        `UPDATE campaign_runs SET done = done + $2, skipped = skipped + $3, failed = failed + $4,
           skipped_reasons = (SELECT coalesce(jsonb_object_agg(key, total), '{}') FROM (
             SELECT key, sum(value::int) AS total FROM (SELECT * FROM jsonb_each_text(skipped_reasons) UNION ALL SELECT * FROM jsonb_each_text($5::jsonb)) AS both_sets GROUP BY key) AS summed)
         WHERE id = $1`,
        [id, outcome.done, outcome.skips.length - outcome.failed, outcome.failed, JSON.stringify(reasons)],
      );
      return this.finishIfDone(manager, id);
    });
  }

  /**
   * A RUNNING run with no chunk left becomes FINISHED, announcing `campaignRun.finished` in the same
   * transaction; answers the run as it is then. Called with the run's row locked.
   */
  async finishIfDone(manager: EntityManager, id: string): Promise<CampaignRunRecord> {
    const [run] = await manager.query(`SELECT ${COLUMNS} FROM campaign_runs WHERE id = $1`, [id]);
    const [{ left }] = await manager.query('SELECT count(*)::int AS left FROM campaign_run_chunks WHERE run_id = $1 AND NOT done', [id]);
    if (left > 0 || run.state !== CampaignRunState.RUNNING) return run;
    const finished = await this.setState(manager, id, CampaignRunState.FINISHED);
    await this.outbox.record(manager, {
      type: 'campaignRun.finished',
      subject: `campaign-run:${id}`,
      data: { runId: id, name: finished.name, channel: finished.channel, itemId: finished.itemId, total: finished.total, done: finished.done, skipped: finished.skipped, failed: finished.failed },
    });
    return finished;
  }

  /** The lines of a chunk, for counting them failed when the chunk cannot be rendered at all. */
  async chunkLines(id: string, chunk: number): Promise<number[]> {
    const rows: { line: number }[] = await this.dataSource.query(
      `SELECT audience.line FROM campaign_run_chunks AS chunk JOIN campaign_run_audience AS audience ON audience.run_id = chunk.run_id AND audience.position BETWEEN chunk.first_position AND chunk.last_position
       WHERE chunk.run_id = $1 AND chunk.chunk = $2 ORDER BY audience.position`,
      [id, chunk],
    );
    return rows.map((row) => row.line);
  }

  /** Skipped lines in line order, after `afterLine`. */
  skips(id: string, limit: number, afterLine: number): Promise<CampaignSkip[]> {
    return this.dataSource.query('SELECT line, reason, message FROM campaign_run_skips WHERE run_id = $1 AND line > $2 ORDER BY line LIMIT $3', [id, afterLine, limit]);
  }

  /** The chunks whose output is in, in order, with their files: what the output stream concatenates. */
  doneChunks(id: string): Promise<DoneChunk[]> {
    return this.dataSource.query('SELECT chunk, output_key AS "outputKey", print_key AS "printKey" FROM campaign_run_chunks WHERE run_id = $1 AND done ORDER BY chunk', [id]);
  }

  private async insertSkips(manager: EntityManager, id: string, skips: CampaignSkip[]): Promise<void> {
    await manager.query(
      `INSERT INTO campaign_run_skips (run_id, line, reason, message)
       SELECT $1, (entry ->> 'line')::int, entry ->> 'reason', entry ->> 'message' FROM jsonb_array_elements($2::jsonb) AS entry
       WHERE (SELECT count(*) FROM campaign_run_skips WHERE run_id = $1) < $3
       ON CONFLICT DO NOTHING`,
      [id, JSON.stringify(skips), MAX_SKIPS_KEPT],
    );
  }
}
