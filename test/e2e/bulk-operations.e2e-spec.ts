import { createItem, publishItem } from '../factories/content.factory';
import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const RESULT = '{ applied items { id item { id version status } error { code message } } }';
const PUBLISH = `mutation($items: [ItemVersionInput!]!) { publishContentItems(items: $items) ${RESULT} }`;
const UNPUBLISH = `mutation($items: [ItemVersionInput!]!) { unpublishContentItems(items: $items) ${RESULT} }`;
const ARCHIVE = `mutation($items: [ItemVersionInput!]!) { archiveContentItems(items: $items) ${RESULT} }`;

describe('bulk publish, unpublish and archive', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await createTestApp();
  });
  afterAll(() => hub.close());

  const state = async (id: string) => (await gql(hub, 'query($id: ID!) { contentItem(id: $id) { version status } }', { id })).data!.contentItem;

  it('publishes many items in one call, each recorded as a revision', async () => {
    const drafts = await Promise.all([createItem(hub), createItem(hub), createItem(hub)]);
    const { data, errors } = await gql(hub, PUBLISH, { items: drafts.map(({ id, version }) => ({ id, version })) });
    expect(errors).toBeUndefined();
    expect(data!.publishContentItems.applied).toBe(true);
    expect(data!.publishContentItems.items).toEqual(drafts.map(({ id, version }) => ({ id, item: { id, version: version + 1, status: 'PUBLISHED' }, error: null })));
    const revisions = (await gql(hub, 'query($id: ID!) { revisions(itemId: $id) { revision change } }', { id: drafts[0].id })).data!.revisions;
    expect(revisions[0]).toEqual({ revision: 2, change: 'publish' });
  });

  it('changes nothing when one item cannot change, and says what stopped each', async () => {
    const fine = await createItem(hub);
    const stale = await createItem(hub);
    const published = await publishItem(hub, await createItem(hub));
    const missing = '00000000-0000-4000-8000-000000000404';
    const { data } = await gql(hub, PUBLISH, {
      items: [
        { id: fine.id, version: fine.version },
        { id: stale.id, version: stale.version + 3 },
        { id: published.id, version: published.version },
        { id: missing, version: 1 },
      ],
    });
    const result = data!.publishContentItems;
    expect(result.applied).toBe(false);
    expect(result.items.map((entry: { id: string; item: unknown; error: { code: string } | null }) => [entry.id, entry.item, entry.error?.code ?? null])).toEqual([
      [fine.id, null, null],
      [stale.id, null, 'CONFLICT'],
      [published.id, null, 'BAD_USER_INPUT'],
      [missing, null, 'NOT_FOUND'],
    ]);
    expect(result.items[2].error.message).toMatch(/Cannot publish an item that is published/);
    expect(await state(fine.id)).toEqual({ version: fine.version, status: 'DRAFT' });
    expect(await state(stale.id)).toEqual({ version: stale.version, status: 'DRAFT' });
  });

  it('unpublishes and archives many', async () => {
    const items = await Promise.all([createItem(hub), createItem(hub)]);
    const published = (await gql(hub, PUBLISH, { items: items.map(({ id, version }) => ({ id, version })) })).data!.publishContentItems.items.map((entry: { item: { id: string; version: number } }) => entry.item);
    const drafts = (await gql(hub, UNPUBLISH, { items: published.map(({ id, version }: { id: string; version: number }) => ({ id, version })) })).data!.unpublishContentItems;
    expect(drafts.items.map((entry: { item: { status: string } }) => entry.item.status)).toEqual(['DRAFT', 'DRAFT']);
    const archived = (await gql(hub, ARCHIVE, { items: drafts.items.map((entry: { item: { id: string; version: number } }) => ({ id: entry.item.id, version: entry.item.version })) })).data!.archiveContentItems;
    expect(archived).toMatchObject({ applied: true, items: [{ item: { status: 'ARCHIVED' } }, { item: { status: 'ARCHIVED' } }] });
  });

  it('refuses an empty list, a repeated item, a malformed id, and keys that may not edit', async () => {
    const item = await createItem(hub);
    expect(errorCode(await gql(hub, PUBLISH, { items: [] }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(hub, PUBLISH, { items: [{ id: item.id, version: 1 }, { id: item.id, version: 1 }] }))).toBe('BAD_USER_INPUT');
    const malformed = await gql(hub, PUBLISH, { items: [{ id: 'not-an-id', version: 1 }] });
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
    expect(malformed.errors![0].extensions!.path).toBe('items.0.id');
    expect(errorCode(await gql(hub, PUBLISH, { items: [{ id: item.id, version: 1 }] }, await createKey(hub, 'PREVIEW')))).toBe('FORBIDDEN');
    expect(await state(item.id)).toEqual({ version: 1, status: 'DRAFT' });
  });
});
