import { createItem, createPersona, createPublishedItem } from '../factories/content.factory';
import { createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const LIST = `query($filter: ContentItemsFilter, $first: Int, $after: String) {
  contentItems(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id slug status locale } } }
}`;

describe('contentItems: filters and cursor pagination', () => {
  let hub: TestApp;
  const theme = `lijst-${Date.now()}`;
  const ids: string[] = [];

  beforeAll(async () => {
    hub = await createTestApp();
    await createPersona(hub, 'trendy-tim');
    for (let index = 0; index < 5; index += 1) {
      const item = await createItem(hub, { metadata: { theme, tags: index % 2 === 0 ? ['even', 'sale'] : ['odd'], personaTags: index === 4 ? ['trendy-tim'] : [] } });
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
