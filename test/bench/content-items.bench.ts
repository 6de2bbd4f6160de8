import { performance } from 'node:perf_hooks';
import { seedLargeDataSet } from '../../src/scripts/seed-large';
import { BENCH_ADMIN_KEY, percentile, recreateDatabase, startHub } from './support/hub-process';

/**
 * `npm run bench:content`: latency of filtered `contentItems` pages at 100,000 items.
 * Needs DATABASE_URL pointing at a PostgreSQL server (a database `facet_bench_content` is recreated there).
 */
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);

const QUERIES: Record<string, { filter: Record<string, unknown>; after?: boolean }> = {
  'no filter, first page': { filter: {} },
  'status + locale': { filter: { status: 'PUBLISHED', locale: 'nl' } },
  'theme': { filter: { theme: 'thema-42' } },
  'tags (GIN)': { filter: { tags: ['tag-17'] } },
  'personaTags (GIN)': { filter: { personaTags: ['persona-9'] } },
  'text search': { filter: { search: 'fietsen' } },
  'status + tags, page 3': { filter: { status: 'PUBLISHED', tags: ['tag-3'] }, after: true },
};

const PAGE_FIELDS = 'pageInfo { endCursor hasNextPage } edges { node { id slug status locale metadata { theme tags } } }';
const PAGE = `query($filter: ContentItemsFilter, $after: String) { contentItems(filter: $filter, first: 20, after: $after) { ${PAGE_FIELDS} } }`;
const PAGE_WITH_COUNT = `query($filter: ContentItemsFilter, $after: String) { contentItems(filter: $filter, first: 20, after: $after) { totalCount ${PAGE_FIELDS} } }`;

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  const databaseUrl = await recreateDatabase(serverUrl, 'facet_bench_content');
  const seeded = performance.now();
  await seedLargeDataSet(databaseUrl, ITEMS);
  console.log(`Seeded ${ITEMS} items in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
  const hub = await startHub(databaseUrl, 3901);
  try {
    console.log(`\ncontentItems(first: 20) over HTTP, ${REQUESTS} sequential requests each, ${ITEMS} items\n`);
    console.log('query'.padEnd(26), 'page p50'.padStart(9), 'page p99'.padStart(9), '+count p50'.padStart(11), '+count p99'.padStart(11), 'totalCount'.padStart(11));
    for (const [name, { filter, after }] of Object.entries(QUERIES)) {
      const cursor = after ? await cursorOfPage(hub.baseUrl, filter, 2) : null;
      const page = await measure(hub.baseUrl, PAGE, { filter, after: cursor });
      const counted = await measure(hub.baseUrl, PAGE_WITH_COUNT, { filter, after: cursor });
      const totalCount = (await post(hub.baseUrl, PAGE_WITH_COUNT, { filter, after: cursor })).data.contentItems.totalCount;
      console.log(name.padEnd(26), ms(page.p50, 9), ms(page.p99, 9), ms(counted.p50, 11), ms(counted.p99, 11), String(totalCount).padStart(11));
    }
    console.log('\n(milliseconds; "+count" also asks for totalCount, which is counted only when requested)');
  } finally {
    await hub.stop();
  }
}

async function measure(baseUrl: string, query: string, variables: Record<string, unknown>): Promise<{ p50: number; p99: number }> {
  const timings: number[] = [];
  for (let index = 0; index < REQUESTS + 20; index += 1) {
    const started = performance.now();
    await post(baseUrl, query, variables);
    if (index >= 20) timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return { p50: percentile(timings, 0.5), p99: percentile(timings, 0.99) };
}

function ms(value: number, width: number): string {
  return value.toFixed(2).padStart(width);
}

async function cursorOfPage(baseUrl: string, filter: Record<string, unknown>, pages: number): Promise<string> {
  let after: string | null = null;
  for (let page = 0; page < pages; page += 1) after = (await post(baseUrl, PAGE, { filter, after })).data.contentItems.pageInfo.endCursor;
  return after as string;
}

async function post(baseUrl: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
