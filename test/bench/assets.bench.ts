import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { ImageProcessor } from '../../src/modules/assets/image-processor';
import { builtInRenderers } from '../../src/modules/channels/built-in-renderers';
import { ChannelRegistry } from '../../src/modules/channels/channel-registry';
import { photo } from '../../src/modules/assets/test-fixtures/hostile-files';
import { BENCH_ADMIN_KEY, recreateDatabase, startHub } from './support/hub-process';

/**
 * `npm run bench:assets`: time to make each channel profile from a 4000×3000 JPEG, and requests/s
 * of serving a cached rendition over HTTP (autocannon, 20 connections). Needs DATABASE_URL.
 */
async function main(): Promise<void> {
  const original = await photo(4000, 3000);
  const processor = new ImageProcessor(new ChannelRegistry(builtInRenderers()).renditionProfiles());
  console.log(`4000×3000 JPEG (${Math.round(original.length / 1024)} KB)\n`);
  console.log('profile'.padEnd(10), 'ms'.padStart(8), 'KB'.padStart(8));
  for (const [profile, request] of Object.entries(processor.profiles)) {
    if (profile === 'original') continue;
    await processor.render(original, { ...request, focal: { x: 0.5, y: 0.5 } });
    const runs = 5;
    const started = performance.now();
    let bytes = 0;
    for (let run = 0; run < runs; run += 1) bytes = (await processor.render(original, { ...request, focal: { x: 0.5, y: 0.5 } })).data.length;
    console.log(profile.padEnd(10), ((performance.now() - started) / runs).toFixed(1).padStart(8), Math.round(bytes / 1024).toString().padStart(8));
  }

  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server for the serving part');
  const hub = await startHub(await recreateDatabase(serverUrl, 'facet_bench_assets'), 3906, { HUB_ASSETS_DIR: '/tmp/facet-bench-assets' });
  try {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(original)], { type: 'image/jpeg' }), 'bench.jpg');
    form.append('alt', 'bench');
    const asset = (await (await fetch(`${hub.baseUrl}/assets`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}` }, body: form })).json()) as { id: string };
    const url = `${hub.baseUrl}/assets/${asset.id}/email`;
    await fetch(url);
    const result = await autocannon({ url, connections: 20, duration: 10 });
    console.log(`\ncached email rendition over HTTP: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors + result.non2xx}`);
  } finally {
    await hub.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
