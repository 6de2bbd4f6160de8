import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { monthsBetween, monthStart, partitionName, retentionStart } from './touchpoint-months';

/** Months created ahead of the current one, so that the first event of a month never waits for DDL. */
const MONTHS_AHEAD = 2;
const MAINTENANCE_INTERVAL_MS = 6 * 60 * 60 * 1000;
const LOCK = "hashtext('facet:touchpoint-partitions')";

/**
 * The monthly partitions of the touchpoints table: created ahead by the hub (and on demand for a
 * late month), and dropped once older than HUB_TOUCHPOINT_RETENTION_MONTHS. Rollups are never dropped.
 */
@Injectable()
export class TouchpointPartitions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TouchpointPartitions.name);
  private readonly known = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintain(new Date());
    this.timer = setInterval(() => this.maintain(new Date()).catch((error: Error) => this.logger.warn(`Touchpoint partition upkeep failed: ${error.message}`)), MAINTENANCE_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The first moment an event may have: the start of the oldest month kept; null when everything is kept. */
  oldestAccepted(now: Date): Date | null {
    return retentionStart(now, this.config.touchpoints.retentionMonths);
  }

  /** Makes sure every month of these moments has its partition. */
  async ensure(moments: Date[]): Promise<void> {
    const missing = [...new Set(moments.map((moment) => partitionName(monthStart(moment))))].filter((name) => !this.known.has(name));
    if (missing.length === 0) return;
    await this.create(moments.map(monthStart).filter((month) => missing.includes(partitionName(month))));
  }

  /** Creates the months ahead and drops the months past the retention; safe to run on every instance at once. */
  async maintain(now: Date): Promise<void> {
    const current = monthStart(now);
    await this.create(monthsBetween(current, MONTHS_AHEAD));
    const oldest = this.oldestAccepted(now);
    if (!oldest) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(${LOCK})`);
      const partitions: { name: string; upper: Date }[] = await manager.query(`
        SELECT child.relname AS name, (regexp_match(pg_get_expr(child.relpartbound, child.oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz AS upper
        FROM pg_inherits JOIN pg_class parent ON parent.oid = pg_inherits.inhparent JOIN pg_class child ON child.oid = pg_inherits.inhrelid
        WHERE parent.relname = 'touchpoints'`);
      for (const partition of partitions.filter((candidate) => candidate.upper <= oldest)) {
        await manager.query(`DROP TABLE IF EXISTS "${partition.name}"`);
        this.known.delete(partition.name);
        this.logger.log(`Dropped touchpoint partition ${partition.name}: older than ${this.config.touchpoints.retentionMonths} months (rollups are kept)`);
      }
      await manager.query('DELETE FROM touchpoint_receipts WHERE occurred_at < $1', [oldest]);
    });
  }

  private async create(months: Date[]): Promise<void> {
    const wanted = [...new Map(months.map((month) => [partitionName(month), month])).entries()].filter(([name]) => !this.known.has(name));
    if (wanted.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(${LOCK})`);
      for (const [name, month] of wanted) {
        const next = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
        await manager.query(`CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF touchpoints FOR VALUES FROM ('${month.toISOString()}') TO ('${next.toISOString()}')`);
      }
    });
    for (const [name] of wanted) this.known.add(name);
  }
}
