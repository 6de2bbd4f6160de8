import { createItem, createPersona, createPublishedItem } from '../factories/content.factory';
import { createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const LIST = `query($filter: ContentItemsFilter, $first: Int, $after: String) {
  contentItems(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id slug status locale } } }
}`;

const SORTED = `query($filter: ContentItemsFilter, $first: Int, $after: String, $sort: ContentItemsSort) {
  contentItems(filter: $filter, first: $first, after: $after, sort: $sort) { pageInfo { hasNextPage endCursor } edges { node { id slug createdAt metadata { priority } } } }
}`;

describe('contentItems: filters and cursor pagination', () => {
  let hub: TestApp;
  const theme = `lijst-${Date.now()}`;
  const ids: string[] = [];

  beforeAll(async () => {
    hub = await createTestApp();
    await createPersona(hub, 'trendy-tim');
    for (let index = 0; index < 5; index += 1) {
      const item = await createItem(hub, { slug: `lijst-${'edcba'[index]}-${theme}`, metadata: { theme, priority: index % 2, tags: index % 2 === 0 ? ['even', 'sale'] : ['odd'], personaTags: index === 4 ? ['trendy-tim'] : [] } });
      ids.push(item.id);
    }
    await createPublishedItem(hub, { locale: 'en', metadata: { theme, purpose: 'INSPIRE', journeyStages: ['ADVOCACY'] }, fields: { headline: 'Bright summer sneakers', body: 'Unique zeppelin words' } });
  });
  afterAll(() => hub.close());

  it('pages through a filter with stable cursors, newest first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await gql(hub, LIST, { filter: { theme }, first: 2, after });
      expect(page.data.contentItems.totalCount).toBe(6);
      seen.push(...page.data.contentItems.edges.map((edge: any) => edge.node.id));
      if (!page.data.contentItems.pageInfo.hasNextPage) break;
      after = page.data.contentItems.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen.slice(1)).toEqual([...ids].reverse());
  });

  it.each([
    [{ tags: ['even', 'sale'] }, 3],
    [{ tags: ['odd'] }, 2],
    [{ personaTags: ['trendy-tim'] }, 1],
    [{ status: 'PUBLISHED' }, 1],
    [{ locale: 'en' }, 1],
    [{ purpose: 'INSPIRE' }, 1],
    [{ journeyStage: 'ADVOCACY' }, 1],
    [{ model: 'message' }, 6],
    [{ search: 'zeppelin' }, 1],
    [{ search: 'sneak' }, 1],
    [{ search: 'zomer beweging' }, 5],
    [{ search: '!!!' }, 0],
  ])('filters by %j', async (filter, expected) => {
    const result = await gql(hub, LIST, { filter: { theme, ...filter }, first: 50 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.contentItems.totalCount).toBe(expected);
    expect(result.data!.contentItems.edges).toHaveLength(expected);
  });

  it.each([
    ['SLUG', 'ASC'],
    ['SLUG', 'DESC'],
    ['CREATED_AT', 'ASC'],
    ['PRIORITY', 'DESC'],
  ])('sorts by %s %s and pages through it without gaps or repeats', async (by, direction) => {
    const all = await gql(hub, SORTED, { filter: { theme }, first: 50, sort: { by, direction } });
    const expected = [...all.data!.contentItems.edges.map((edge: any) => edge.node)];
    const key = (node: any) => ({ SLUG: node.slug, CREATED_AT: node.createdAt, PRIORITY: node.metadata.priority })[by as 'SLUG'];
    const sign = direction === 'ASC' ? -1 : 1;
    for (let index = 1; index < expected.length; index += 1) {
      const [before, after] = [expected[index - 1], expected[index]];
      const compared = key(before) === key(after) ? (before.id < after.id ? -1 : 1) : key(before) < key(after) ? -1 : 1;
      expect(compared).toBe(sign);
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await gql(hub, SORTED, { filter: { theme }, first: 2, after, sort: { by, direction } });
      expect(page.errors).toBeUndefined();
      seen.push(...page.data.contentItems.edges.map((edge: any) => edge.node.id));
      after = page.data.contentItems.pageInfo.hasNextPage ? page.data.contentItems.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected.map((node: any) => node.id));
    expect(new Set(seen).size).toBe(6);
  });

  it('refuses a cursor from another sort order', async () => {
    const page = await gql(hub, SORTED, { filter: { theme }, first: 2, sort: { by: 'SLUG', direction: 'ASC' } });
    const result = await gql(hub, SORTED, { filter: { theme }, first: 2, after: page.data!.contentItems.pageInfo.endCursor });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(/another sort order/);
  });

  it('refuses a malformed cursor and an out-of-range page size with BAD_USER_INPUT', async () => {
    for (const after of ['garbage', Buffer.from('["not a date","x"]').toString('base64url'), 'x'.repeat(500)]) {
      const result = await gql(hub, LIST, { filter: { theme }, first: 2, after });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0].message).toMatch(/cursor/);
    }
    expect(errorCode(await gql(hub, LIST, { first: 0 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(hub, LIST, { first: 1000 }))).toBe('BAD_USER_INPUT');
  });
});
