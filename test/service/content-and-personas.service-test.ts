import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StaleVersionError } from '../../src/common/errors/domain-errors';
import { Purpose } from '../../src/modules/content/content.enums';
import { Tone } from '../../src/modules/personas/persona.types';
import { createInstance, createServiceDatabase, EDITOR, ServiceDatabase } from './support/service-hub';

type Instance = Awaited<ReturnType<typeof createInstance>>;
let sequence = 0;

function message(overrides: { theme?: string; tags?: string[]; personaTags?: string[]; headline?: string; validFrom?: Date } = {}) {
  sequence += 1;
  return {
    model: 'message',
    locale: 'nl',
    slug: `dienst-${sequence}`,
    fields: { headline: overrides.headline ?? `Zomer ${sequence}`, body: 'Het is zomer.' },
    metadata: { theme: overrides.theme ?? 'zomer', purpose: Purpose.MOTIVATE, tags: overrides.tags ?? [], personaTags: overrides.personaTags ?? [], validFrom: overrides.validFrom },
  } as never;
}

describe('service tier on a real PostgreSQL', () => {
  let database: ServiceDatabase;
  let one: Instance;
  let two: Instance;

  before(async () => {
    database = await createServiceDatabase();
    one = await createInstance(database.url);
    two = await createInstance(database.url);
  });

  after(async () => {
    await one?.close();
    await two?.close();
    await database?.close();
  });

  it('refuses a stale version with StaleVersionError and writes no revision', async () => {
    const created = await one.contentItems.create(message(), EDITOR);
    const updated = await one.contentItems.update(created.id, 1, { fields: { headline: 'Nieuw', body: 'x' } }, EDITOR);
    assert.equal(updated.version, 2);
    await assert.rejects(one.contentItems.update(created.id, 1, { fields: { headline: 'Oud', body: 'x' } }, EDITOR), StaleVersionError);
    const revisions = await one.contentItems.revisions(created.id, EDITOR);
    assert.deepEqual(revisions.map((revision) => revision.revision).sort(), [1, 2]);
    assert.equal((await one.contentItems.asOfRevision(created.id)).fields.headline, 'Nieuw');
  });

  it('filters pages by theme, tags, persona tags, text and live window in SQL', async () => {
    const theme = `filter-${Date.now()}`;
    await one.personas.upsert({ key: 'sportieve-sanne', name: 'Sportieve Sanne', tone: Tone.INFORMAL } as never);
    await one.contentItems.create(message({ theme, tags: ['sale', 'zomer'], headline: 'Hardloopschoenen in de uitverkoop' }), EDITOR);
    await one.contentItems.create(message({ theme, tags: ['sale'], personaTags: ['sportieve-sanne'] }), EDITOR);
    await one.contentItems.create(message({ theme, validFrom: new Date('2099-01-01T00:00:00Z') }), EDITOR);
    const count = async (filter: Record<string, unknown>) => (await one.contentItems.list({ theme, ...filter } as never, 100, undefined, EDITOR)).countAll();
    assert.equal(await count({}), 3);
    assert.equal(await count({ tags: ['sale', 'zomer'] }), 1);
    assert.equal(await count({ personaTags: ['sportieve-sanne'] }), 1);
    assert.equal(await count({ search: 'hardloop' }), 1);
    const delivery = { keyId: null, name: 'app', role: 'DELIVERY' } as never;
    const published = await Promise.all(
      (await one.contentItems.list({ theme } as never, 100, undefined, EDITOR)).edges.map(({ node }) => one.contentItems.publish(node.id, node.version, EDITOR)),
    );
    assert.equal(published.length, 3);
    assert.equal(await (await one.contentItems.list({ theme } as never, 100, undefined, delivery)).countAll(), 2, 'the item valid from 2099 is not live for a DELIVERY key');
  });

  it('invalidates the delivery cache of another instance when content changes', async () => {
    const created = await one.contentItems.create(message({ headline: 'Eerste' }), EDITOR);
    const published = await one.contentItems.publish(created.id, created.version, EDITOR);
    assert.equal((await two.catalog.published(created.id))?.item.fields.headline, 'Eerste');
    const draft = await one.contentItems.update(created.id, published.version, { fields: { headline: 'Tweede', body: 'x' } }, EDITOR);
    assert.equal((await one.catalog.published(created.id))?.item.fields.headline, 'Eerste', 'a draft is not live');
    await one.contentItems.publish(created.id, draft.version, EDITOR);
    const deadline = Date.now() + 2000;
    let seen: unknown;
    while (Date.now() < deadline) {
      seen = (await two.catalog.published(created.id))?.item.fields.headline;
      if (seen === 'Tweede') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(seen, 'Tweede', 'instance two saw the change through LISTEN/NOTIFY');
  });

  it('answers contentItem for DELIVERY keys from the objects delivery holds, live version only, until the item changes', async () => {
    const delivery = { keyId: null, name: 'app', role: 'DELIVERY' } as never;
    const created = await one.contentItems.create(message({ headline: 'Eerste' }), EDITOR);
    const published = await one.contentItems.publish(created.id, created.version, EDITOR);
    // The announcements of the create and the publish reach instance two a moment later and drop what it read before them.
    const settled = Date.now() + 2000;
    let read = await two.contentItems.get(created.id, delivery);
    while (Date.now() < settled && read !== (await two.catalog.published(created.id))?.item) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      read = await two.contentItems.get(created.id, delivery);
    }
    assert.equal(read.fields.headline, 'Eerste');
    assert.equal(read, (await two.catalog.published(created.id))?.item, 'one object per item for contentItem and personalize');
    const draft = await one.contentItems.update(created.id, published.version, { fields: { headline: 'Tweede', body: 'x' } }, EDITOR);
    const stillLive = await one.contentItems.get(created.id, delivery);
    assert.deepEqual([stillLive.fields.headline, stillLive.version, stillLive.draft], ['Eerste', published.version, null], 'a draft is not what customers get');
    await one.contentItems.unpublish(draft.id, draft.version, EDITOR);
    const deadline = Date.now() + 2000;
    let code: unknown;
    while (Date.now() < deadline && code !== 'NOT_FOUND') {
      code = await two.contentItems.get(created.id, delivery).then(
        () => undefined,
        (error: { code?: string }) => error.code,
      );
      if (code !== 'NOT_FOUND') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(code, 'NOT_FOUND', 'instance two dropped the unpublished item');
  });

  it('upserts personas atomically across instances: one of four writers at a version wins', async () => {
    const input = (name: string, version?: number) => ({ key: 'atomair', name, tone: Tone.FORMAL, channelPreferences: ['email'], version }) as never;
    const creates = await Promise.all([one, two, one, two].map((instance, index) => instance.personas.upsert(input(`maker ${index}`))));
    assert.deepEqual(creates.map((persona) => persona.version).sort(), [1, 2, 3, 4]);
    const outcomes = await Promise.allSettled([one, two, one, two].map((instance, index) => instance.personas.upsert(input(`schrijver ${index}`, 4))));
    assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
    assert.ok(outcomes.filter((outcome) => outcome.status === 'rejected').every((outcome) => (outcome as PromiseRejectedResult).reason instanceof StaleVersionError));
  });
});
