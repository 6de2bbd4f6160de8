import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { KpiDimension, KpiFilter, kpiQuery, KpiRow, toKpiRow } from './kpi-query';

const MAX_ROWS = 5_000;

/** Cross-channel KPIs, read from the hourly rollups the touchpoint intake keeps. */
@Injectable()
export class KpisService {
  constructor(private readonly dataSource: DataSource) {}

  async report(filter: KpiFilter, groupBy: KpiDimension[]): Promise<KpiRow[]> {
    const { sql, params } = kpiQuery(filter, groupBy, new Date(), MAX_ROWS);
    const rows: Record<string, unknown>[] = await this.dataSource.query(sql, params);
    if (rows.length > MAX_ROWS) {
      throw new BadUserInputError(`The report would have more than ${MAX_ROWS} rows; narrow the filter or group by fewer dimensions (WEEK instead of DAY)`, 'groupBy', { limit: MAX_ROWS });
    }
    return rows.map(toKpiRow);
  }
}
