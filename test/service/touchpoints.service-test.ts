import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { TouchpointType } from '../../src/modules/touchpoints/touchpoint';
import { TouchpointPartitions } from '../../src/modules/touchpoints/touchpoint-partitions';
import { TouchpointsRepository } from '../../src/modules/touchpoints/touchpoints.repository';
import { createServiceDatabase, ServiceDatabase } from './support/service-hub';

const MONTH_MS = 31 * 86_400_000;

function touchpoint(eventId: string, occurredAt: Date) {
  return {
    eventId,
    type: TouchpointType.DELIVERED,
    occurredAt,
    customerId: 'c-1',
    channel: 'email',
    theme: 'zomer',
    itemId: null,
    itemVersion: null,
    variantId: null,
    experiment: null,
    arm: null,
    locale: 'nl',
    personas: [],
    value: null,
    currency: null,
    attributes: null,
  };
}

describe('touchpoint storage on a real PostgreSQL', () => {
  let database: ServiceDatabase;
  let dataSource: DataSource;

  before(async () => {
    database = await createServiceDatabase();
    dataSource = await new DataSource(buildDataSourceOptions(database.url, false, { log: () => undefined, warn: () => undefined, error: () => undefined })).initialize();
  });

  after(async () => {
    await dataSource?.destroy();
    await database?.close();
  });

  const partitionNames = async () =>
    (await dataSource.query("SELECT child.relname AS name FROM pg_inherits JOIN pg_class child ON child.oid = inhrelid JOIN pg_class parent ON parent.oid = inhparent WHERE parent.relname = 'touchpoints' ORDER BY 1")).map(
      (row: { name: string }) => row.name,
    );

  it('creates the current month and two ahead, one more on demand for a late event, and drops months past the retention while rollups stay', async () => {
    const config = loadConfig({ HUB_TOUCHPOINT_RETENTION_MONTHS: '3' });
    const partitions = new TouchpointPartitions(dataSource, config);
    const now = new Date('2027-03-15T12:00:00Z');
    await partitions.maintain(now);
    assert.deepEqual(await partitionNames(), ['touchpoints_2027_03', 'touchpoints_2027_04', 'touchpoints_2027_05']);

    const repository = new TouchpointsRepository(dataSource);
    const old = new Date('2027-01-20T08:00:00Z');
    await partitions.ensure([old, new Date(now.getTime() - MONTH_MS)]);
    assert.deepEqual(await partitionNames(), ['touchpoints_2027_01', 'touchpoints_2027_02', 'touchpoints_2027_03', 'touchpoints_2027_04', 'touchpoints_2027_05']);
    assert.equal(await repository.store([touchpoint('old', old), touchpoint('recent', new Date('2027-03-01T08:00:00Z'))]), 2);

    await partitions.maintain(new Date('2027-04-02T00:00:00Z'));
    assert.deepEqual(partitions.oldestAccepted(new Date('2027-04-02T00:00:00Z')), new Date('2027-02-01T00:00:00Z'));
    assert.deepEqual(await partitionNames(), ['touchpoints_2027_02', 'touchpoints_2027_03', 'touchpoints_2027_04', 'touchpoints_2027_05', 'touchpoints_2027_06']);
    const raw = await dataSource.query('SELECT event_id FROM touchpoints ORDER BY 1');
    assert.deepEqual(raw, [{ event_id: 'recent' }]);
    const [{ events }] = await dataSource.query('SELECT sum(events)::int AS events FROM touchpoint_rollups');
    assert.equal(events, 2);
    const [{ receipts }] = await dataSource.query('SELECT count(*)::int AS receipts FROM touchpoint_receipts');
    assert.equal(receipts, 1);
  });

  it('counts an event once when two instances store it at the same moment', async () => {
    const partitions = new TouchpointPartitions(dataSource, loadConfig({}));
    const occurredAt = new Date();
    await partitions.ensure([occurredAt]);
    const one = new TouchpointsRepository(dataSource);
    const two = new TouchpointsRepository(dataSource);
    const batch = Array.from({ length: 200 }, (_unused, index) => touchpoint(`race-${index}`, occurredAt));
    const [first, second] = await Promise.all([one.store(batch), two.store([...batch].reverse())]);
    assert.equal(first + second, 200);
    const [{ events }] = await dataSource.query("SELECT sum(events)::int AS events FROM touchpoint_rollups WHERE hour = date_trunc('hour', $1::timestamptz, 'UTC')", [occurredAt]);
    assert.equal(events, 200);
  });
});
