import { createItem, ITEM_FIELDS } from '../factories/content.factory';
import { createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateContentItemInput!) { updateContentItem(id: $id, version: $version, input: $input) { version } }`;
const REVISIONS = `query($itemId: ID!) { revisions(itemId: $itemId) { revision status change author fields metadata { priority } } }`;
const RESTORE = `mutation($itemId: ID!, $revision: Int!, $version: Int!) { restoreRevision(itemId: $itemId, revision: $revision, version: $version) { ${ITEM_FIELDS} } }`;

describe('revisions', () => {
  let hub: TestApp;
  beforeAll(async () => {
    hub = await createTestApp();
  });
  afterAll(() => hub.close());

  it('keeps every saved change as a numbered snapshot, newest first', async () => {
    const item = await createItem(hub);
    await gql(hub, UPDATE, { id: item.id, version: 1, input: { fields: { ...item.fields, headline: 'Tweede kop' } } });
    await gql(hub, 'mutation($id: ID!, $version: Int!) { publishContentItem(id: $id, version: $version) { version } }', { id: item.id, version: 2 });
    const { data } = await gql(hub, REVISIONS, { itemId: item.id });
    expect(data!.revisions.map((revision: { revision: number; change: string }) => [revision.revision, revision.change])).toEqual([
      [3, 'publish'],
      [2, 'update'],
      [1, 'create'],
    ]);
    expect(data!.revisions[2].fields.headline).toBe('Zomer in beweging');
    expect(data!.revisions[0].status).toBe('PUBLISHED');
  });

  it('restores an old revision as a new revision and loses nothing', async () => {
    const item = await createItem(hub);
    await gql(hub, UPDATE, { id: item.id, version: 1, input: { fields: { ...item.fields, headline: 'Foute kop' }, metadata: { priority: 99 } } });
    const restored = await gql(hub, RESTORE, { itemId: item.id, revision: 1, version: 2 });
    expect(restored.errors).toBeUndefined();
    expect(restored.data!.restoreRevision).toMatchObject({ version: 3, fields: { headline: 'Zomer in beweging' }, metadata: { priority: 10 } });
    const { data } = await gql(hub, REVISIONS, { itemId: item.id });
    expect(data!.revisions).toHaveLength(3);
    expect(data!.revisions[0].change).toBe('restore of revision 1');
    expect(data!.revisions[1].fields.headline).toBe('Foute kop');
  });

  it('refuses to restore with a stale version, or a revision that does not exist, and writes nothing', async () => {
    const item = await createItem(hub);
    await gql(hub, UPDATE, { id: item.id, version: 1, input: { metadata: { priority: 5 } } });
    expect(errorCode(await gql(hub, RESTORE, { itemId: item.id, revision: 1, version: 1 }))).toBe('CONFLICT');
    expect(errorCode(await gql(hub, RESTORE, { itemId: item.id, revision: 42, version: 2 }))).toBe('NOT_FOUND');
    const { data } = await gql(hub, REVISIONS, { itemId: item.id });
    expect(data!.revisions).toHaveLength(2);
  });
});
