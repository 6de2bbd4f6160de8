import { BadUserInputError } from '../../common/errors/domain-errors';
import { KpiDimension, kpiQuery, toKpiRow } from './kpi-query';

const now = new Date('2026-12-10T15:20:00Z');

describe('kpiQuery', () => {
  it('reads whole days from the daily rollups and the odd hours at either end from the hourly ones', () => {
    const { sql, params } = kpiQuery({ theme: 'zomer', from: new Date('2026-12-01T06:00:00Z'), to: new Date('2026-12-03T09:00:00Z') }, [KpiDimension.CHANNEL], now, 100);
    expect(sql.match(/FROM touchpoint_rollups WHERE/g)).toHaveLength(2);
    expect(sql.match(/FROM touchpoint_daily_rollups WHERE/g)).toHaveLength(1);
    expect(params).toEqual(
      expect.arrayContaining([new Date('2026-12-01T06:00:00Z'), new Date('2026-12-02T00:00:00Z'), new Date('2026-12-03T00:00:00Z'), new Date('2026-12-03T09:00:00Z'), 'zomer', 101]),
    );
  });

  it('reads only hourly rollups within one day, and only daily ones for whole days', () => {
    expect(kpiQuery({ from: new Date('2026-12-01T06:00:00Z'), to: new Date('2026-12-01T18:00:00Z') }, [], now, 10).sql).not.toContain('touchpoint_daily_rollups');
    expect(kpiQuery({ from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-08T00:00:00Z') }, [], now, 10).sql).not.toMatch(/FROM touchpoint_rollups/);
  });

  it('groups by persona over each persona a rendering matched, and filters by containment', () => {
    const { sql, params } = kpiQuery({ persona: 'sportieve-sanne' }, [KpiDimension.PERSONA, KpiDimension.DAY], now, 10);
    expect(sql).toContain('unnest(CASE WHEN cardinality(personas) = 0 THEN ARRAY[NULL::text] ELSE personas END) AS persona');
    expect(sql).toContain('GROUP BY persona, day, type) AS sums GROUP BY persona, day');
    expect(params).toContainEqual(['sportieve-sanne']);
  });

  it('names the UTC day of the odd hours at either end, and truncates hours only in a range without a whole day', () => {
    const { sql, params } = kpiQuery({ from: new Date('2026-12-01T06:00:00Z'), to: new Date('2026-12-03T09:00:00Z') }, [KpiDimension.DAY], now, 10);
    expect(sql).not.toContain('date_trunc');
    expect(params).toEqual(expect.arrayContaining([new Date('2026-12-01T00:00:00Z'), new Date('2026-12-03T00:00:00Z')]));
    expect(kpiQuery({ from: new Date('2026-12-01T06:00:00Z'), to: new Date('2026-12-02T09:00:00Z') }, [KpiDimension.DAY], now, 10).sql).toContain(
      `date_trunc('day', hour, 'UTC') AS day`,
    );
  });

  it('groups weeks by the week of each day', () => {
    const { sql } = kpiQuery({}, [KpiDimension.WEEK, KpiDimension.CHANNEL], now, 10);
    expect(sql).toContain(`GROUP BY day, channel, type) AS sums GROUP BY date_trunc('week', day, 'UTC'), channel`);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => kpiQuery({ from: now, to: new Date('2026-12-01T00:00:00Z') }, [], now, 10)).toThrow(BadUserInputError);
  });
});

describe('toKpiRow', () => {
  it('divides by deliveries, and leaves rates empty when nothing was delivered', () => {
    const row = toKpiRow({ channel: 'email', delivered: '200', opened: '90', clicked: '30', converted: '6', responded: '0', unsubscribed: '2', bounced: '4', value: '359.7' });
    expect(row).toMatchObject({ key: { channel: 'email', theme: null }, openRate: 0.45, clickRate: 0.15, clickToOpenRate: 30 / 90, conversionRate: 0.03, unsubscribeRate: 0.01, bounceRate: 0.02, value: 359.7 });
    expect(toKpiRow({ delivered: '0', opened: '0', clicked: '0', converted: '0', responded: '0', unsubscribed: '0', bounced: '0', value: '0' }).conversionRate).toBeNull();
  });
});
