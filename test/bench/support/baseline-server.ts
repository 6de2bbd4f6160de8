import * as http from 'node:http';
import { Pool } from 'pg';

/**
 * The raw baseline of `npm run bench`: a minimal node:http server that answers one primary-key
 * SELECT on content_items as JSON (and, on /search, a headline substring search without an
 * index). Whatever the hub adds on top is measured against this.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const port = Number(process.env.PORT ?? 3902);

http
  .createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/health') {
        response.end('ok');
        return;
      }
      const { id, contains } = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { id?: string; contains?: string };
      // /search: what a substring filter costs without an index, a sequential scan with ILIKE.
      const [sql, parameters] =
        request.url === '/search'
          ? [`SELECT id, fields, version, locale FROM content_items WHERE model = 'message' AND status = 'PUBLISHED' AND fields ->> 'headline' ILIKE '%' || $1 || '%' ORDER BY updated_at DESC, id DESC LIMIT 20`, [contains]]
          : ['SELECT id, fields, version, locale FROM content_items WHERE id = $1', [id]];
      pool
        .query(sql, parameters)
        .then(({ rows }) => {
          response.setHeader('content-type', 'application/json');
          response.end(JSON.stringify({ data: request.url === '/search' ? rows : (rows[0] ?? null) }));
        })
        .catch((error: Error) => {
          response.statusCode = 500;
          response.end(error.message);
        });
    });
  })
  .listen(port, '127.0.0.1');
