import { Client } from 'pg';
import { runMigrations } from '../database/run-migrations';

/**
 * Fills a database with a large, varied set of content items for benchmarks:
 *   DATABASE_URL=postgres://… node dist/src/scripts/seed-large.js 100000
 * Runs the migrations first. Rows are generated inside PostgreSQL, so 100,000 items take seconds.
 */
export async function seedLargeDataSet(databaseUrl: string, count: number): Promise<void> {
  await runMigrations(databaseUrl);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO content_items (model, slug, locale, fields, status, version, theme, purpose, journey_stages, tags, persona_tags, channels, priority, attributes, author, created_at, updated_at, published_at)
       SELECT 'message',
              'bulk-' || n,
              (ARRAY['nl', 'en', 'nl-BE', 'de', 'fr'])[1 + n % 5],
              jsonb_build_object(
                'headline', 'Bericht ' || n || ' over ' || (ARRAY['hardlopen', 'fietsen', 'zwemmen', 'wandelen', 'yoga'])[1 + n % 5],
                'summary', 'Samenvatting ' || md5(n::text),
                'body', 'Tekst van bericht ' || n || '. ' || repeat('Een zin over de actie en het thema. ', 1 + n % 8),
                'callToAction', jsonb_build_object('label', 'Bekijk', 'url', 'https://example.com/' || n),
                'hashtags', jsonb_build_array('actie', 'thema' || (n % 50))),
              (ARRAY['DRAFT', 'PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'ARCHIVED'])[1 + (n / 5) % 5],
              1,
              'thema-' || (n % 200),
              (ARRAY['INSPIRE', 'MOTIVATE', 'CONVERSE', 'SUPPORT'])[1 + n % 4],
              ARRAY[(ARRAY['AWARENESS', 'CONSIDERATION', 'PURCHASE', 'RETENTION', 'ADVOCACY'])[1 + (n / 3) % 5]],
              ARRAY['tag-' || (n % 100), 'tag-' || (n % 7)],
              CASE WHEN n % 3 = 0 THEN ARRAY['persona-' || (n % 50)] ELSE '{}'::text[] END,
              '{}'::text[],
              n % 100,
              '{}'::jsonb,
              'seed-large',
              date_trunc('milliseconds', now() - (n || ' seconds')::interval),
              date_trunc('milliseconds', now() - (n || ' seconds')::interval),
              now()
       FROM generate_series(1, $1::int) AS n`,
      [count],
    );
    await client.query('ANALYZE content_items');
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  const databaseUrl = process.env.DATABASE_URL;
  const count = Number(process.argv[2] ?? 100_000);
  if (!databaseUrl) {
    console.error('Set DATABASE_URL to the database to fill');
    process.exit(1);
  }
  seedLargeDataSet(databaseUrl, count)
    .then(() => console.log(`Inserted ${count} content items`))
    .catch((error: Error) => {
      console.error(error.message);
      process.exit(1);
    });
}
