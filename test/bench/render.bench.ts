import { performance } from 'node:perf_hooks';
import { builtInRenderers } from '../../src/modules/channels/built-in-renderers';
import { RenderInput } from '../../src/modules/channels/channel-renderer';
import { DEFAULT_RENDERER_CONFIG } from '../../src/modules/channels/renderer-config';
import { GOLDEN_CUSTOMERS, GOLDEN_MESSAGE } from '../../src/modules/channels/test-fixtures/golden-message';
import { Tone } from '../../src/modules/personas/persona.types';
import { LOOPWERK_BRAND } from '../../src/modules/channels/test-fixtures/test-brand';

/**
 * `npm run bench:render`: renders per second per channel in one process, cold (compile + fill,
 * as for a message version seen for the first time) and warm (fill only, the delivery hot path).
 */
const WARM_SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const names = ['Sanne', 'Jan', 'Fatima', 'Kees', 'Ana', 'Lotte', 'Mohammed', 'Emma'];

function input(version: number): RenderInput {
  return {
    itemId: '00000000-0000-4000-8000-000000000001',
    itemVersion: version,
    locale: 'nl',
    roles: GOLDEN_MESSAGE,
    overrides: {},
    tone: Tone.INFORMAL,
    images: { email: 'https://hub/a/email', tweet: 'https://hub/a/tweet', inApp2x: 'https://hub/a/2x' },
    config: DEFAULT_RENDERER_CONFIG,
    brand: LOOPWERK_BRAND,
  };
}

async function main(): Promise<void> {
  console.log('channel'.padEnd(8), 'cold renders/s'.padStart(15), 'warm renders/s'.padStart(15), 'warm ms/render'.padStart(15));
  for (const renderer of builtInRenderers()) {
    const recipient = (index: number) => ({ attributes: { ...GOLDEN_CUSTOMERS.informal, firstName: names[index % names.length] }, now: new Date() });
    const coldRuns = renderer.key === 'letter' ? 50 : renderer.key === 'email' ? 100 : 1000;
    let started = performance.now();
    for (let index = 0; index < coldRuns; index += 1) await (await renderer.compile(input(index))).fill(recipient(index));
    const cold = coldRuns / ((performance.now() - started) / 1000);
    const compiled = await renderer.compile(input(0));
    for (let index = 0; index < 200; index += 1) await compiled.fill(recipient(index));
    let warmRuns = 0;
    started = performance.now();
    while (performance.now() - started < WARM_SECONDS * 1000) {
      for (let batch = 0; batch < 50; batch += 1) await compiled.fill(recipient(warmRuns++));
    }
    const elapsed = performance.now() - started;
    const warm = warmRuns / (elapsed / 1000);
    console.log(renderer.key.padEnd(8), Math.round(cold).toString().padStart(15), Math.round(warm).toString().padStart(15), (elapsed / warmRuns).toFixed(3).padStart(15));
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
