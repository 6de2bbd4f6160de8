/**
 * The module boundaries of src/, checked by .ci/run (npm run lint). Dependencies point one way:
 * delivery → channels → selection → content → content-models; a lower layer reaches a higher one
 * only through a port it defines itself (content's KnownChannels, assets' ChannelRenditions). The
 * campaign loop (touchpoints, kpis, experiments) sits below delivery: delivery reads it, never the
 * other way round.
 */
const layer = (name) => `^src/modules/${name}/`;

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'A cycle makes two modules one.', from: {}, to: { circular: true } },
    {
      name: 'content-models-is-the-bottom',
      severity: 'error',
      comment: 'Content models know nothing of content, selection, channels or delivery.',
      from: { path: layer('content-models') },
      to: { path: `${layer('content')}|${layer('selection')}|${layer('channels')}|${layer('delivery')}` },
    },
    {
      name: 'content-does-not-import-upward',
      severity: 'error',
      comment: 'Content reaches channels through its KnownChannels port, never their code.',
      from: { path: layer('content') },
      to: { path: `${layer('selection')}|${layer('channels')}|${layer('delivery')}|${layer('assets')}` },
    },
    {
      name: 'selection-is-pure',
      severity: 'error',
      comment: 'Selection is pure functions: no channels, delivery, database or Nest.',
      from: { path: layer('selection') },
      to: { path: `${layer('channels')}|${layer('delivery')}|^src/database/|^node_modules/@nestjs/|^node_modules/typeorm/` },
    },
    {
      name: 'channels-do-not-import-delivery',
      severity: 'error',
      from: { path: layer('channels') },
      to: { path: layer('delivery') },
    },
    {
      name: 'renderers-are-pure',
      severity: 'error',
      comment: 'A renderer touches no repository, database or Nest: everything it needs comes in as input.',
      from: { path: '^src/modules/channels/renderers/' },
      to: { path: '^src/database/|\\.repository\\.ts$|\\.service\\.ts$|^node_modules/@nestjs/|^node_modules/typeorm/' },
    },
    {
      name: 'the-loop-does-not-import-delivery',
      severity: 'error',
      comment: 'Touchpoints, KPIs and experiments learn about renderings from delivery tokens, not from delivery.',
      from: { path: `${layer('touchpoints')}|${layer('kpis')}|${layer('experiments')}|${layer('delivery-tokens')}` },
      to: { path: layer('delivery') },
    },
    {
      name: 'statistics-are-pure',
      severity: 'error',
      comment: 'Experiment statistics and KPI arithmetic are pure functions, tested against hand-computed values.',
      from: { path: '^src/modules/experiments/experiment-statistics\\.ts$|^src/modules/kpis/kpi-query\\.ts$|^src/modules/touchpoints/touchpoint\\.ts$' },
      to: { path: '^src/database/|\\.repository\\.ts$|\\.service\\.ts$|^node_modules/@nestjs/|^node_modules/typeorm/' },
    },
    {
      name: 'repositories-only-in-their-module',
      severity: 'error',
      comment: 'Modules reach each other through services, not each other\'s repositories.',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/.*\\.repository\\.ts$', pathNot: '^src/modules/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
