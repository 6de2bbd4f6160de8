import { Client } from 'pg';
import { runMigrations } from '../../../src/database/run-migrations';

export const THEMES = 100;
export const PERSONAS = 50;

/** The data set puts item n in theme n % 100 and locale nl for even n, so each theme has one locale. */
export function themeLocale(theme: number): string {
  return theme % 2 === 0 ? 'nl' : 'en';
}

/**
 * The delivery benchmark's data set, generated inside PostgreSQL: published items in nl and en
 * across 100 themes (a quarter of each theme targeted at one persona), personas with criteria,
 * and hand-written variants (some in experiments).
 */
export async function seedDeliveryDataSet(databaseUrl: string, items: number, variants: number): Promise<void> {
  await runMigrations(databaseUrl);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO personas (key, name, description, criteria, channel_preferences, tone, version)
       SELECT 'persona-' || n, 'Persona ' || n, 'Benchmark persona',
              jsonb_build_object('all', jsonb_build_array(jsonb_build_object('attr', 'segment', 'eq', 'segment-' || n), jsonb_build_object('attr', 'age', 'gte', 18))),
              CASE n % 4 WHEN 0 THEN ARRAY['inApp', 'email'] WHEN 1 THEN ARRAY['email', 'tweet'] WHEN 2 THEN ARRAY['tweet', 'sms'] ELSE ARRAY['letter', 'email'] END,
              (ARRAY['FORMAL', 'INFORMAL'])[1 + n % 2], 1
       FROM generate_series(0, $1::int - 1) AS n`,
      [PERSONAS],
    );
    await client.query(
      `INSERT INTO content_items (model, slug, locale, fields, status, version, theme, purpose, journey_stages, tags, persona_tags, channels, priority, attributes, author, created_at, updated_at, published_at)
       SELECT 'message', 'bench-' || n, (ARRAY['nl', 'en'])[1 + n % 2],
              jsonb_build_object(
                'headline', 'Bericht ' || n || ' voor {{ customer.firstName | default: "jou" }}',
                'summary', 'Twee weken lang ' || (n % 50) || '% korting op alles voor ' || (ARRAY['hardlopen', 'fietsen', 'zwemmen'])[1 + n % 3],
                'body', 'Het is **zomer**, {{ customer.firstName | default: "sporter" }}. ' || repeat('Kom langs in de winkel of bestel online; wij helpen je graag verder. ', 2 + n % 4) || E'\\n\\n- Gratis looptest\\n- Ruilen tot 60 dagen',
                'callToAction', jsonb_build_object('label', 'Bekijk de actie', 'url', 'https://example.com/actie/' || n),
                'hashtags', jsonb_build_array('zomer', 'actie' || (n % 10)),
                'signOff', 'Sportieve groet, het team',
                'legal', 'Actie geldig zolang de voorraad strekt.'),
              'PUBLISHED', 2, 'thema-' || (n % ${THEMES}), (ARRAY['INSPIRE', 'MOTIVATE', 'CONVERSE', 'SUPPORT'])[1 + n % 4],
              ARRAY[(ARRAY['AWARENESS', 'CONSIDERATION', 'PURCHASE', 'RETENTION', 'ADVOCACY'])[1 + n % 5]],
              ARRAY['tag-' || (n % 20)],
              CASE WHEN (n / 7) % 4 = 0 THEN ARRAY['persona-' || (n % ${PERSONAS})] ELSE '{}'::text[] END,
              '{}'::text[], n % 10, '{}'::jsonb, 'bench', now() - (n || ' seconds')::interval, now() - (n || ' seconds')::interval, now()
       FROM generate_series(1, $1::int) AS n`,
      [items],
    );
    await client.query(
      `INSERT INTO channel_variants (item_id, channel, persona_tags, locale, fields, experiment_key, experiment_weight, label, version, author)
       SELECT item.id, (ARRAY['tweet', 'inApp', 'email'])[1 + v.n % 3],
              ARRAY['persona-' || (v.n % ${PERSONAS})], NULL,
              CASE (v.n % 3)
                WHEN 0 THEN jsonb_build_object('text', 'Zomer! {{ customer.firstName | default: "Hoi" }}, korting: https://example.com/t/' || v.n || ' #zomer')
                WHEN 1 THEN jsonb_build_object('title', 'Zomer voor {{ customer.firstName | default: "jou" }}', 'body', 'Twee weken korting op alles.')
                ELSE jsonb_build_object('subject', 'Alleen voor jou, {{ customer.firstName | default: "sporter" }}')
              END,
              CASE WHEN v.n % 2 = 0 THEN 'experiment-' || (v.n / 2) ELSE NULL END,
              CASE WHEN v.n % 2 = 0 THEN 50 ELSE NULL END,
              CASE WHEN v.n % 2 = 0 THEN 'A' ELSE NULL END,
              1, 'bench'
       FROM generate_series(1, $1::int) AS v(n)
       JOIN LATERAL (SELECT id FROM content_items WHERE slug = 'bench-' || (1 + (v.n * 7) % $2::int) LIMIT 1) AS item ON true`,
      [variants, items],
    );
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}
