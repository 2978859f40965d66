import { selectedModule } from './test/mutation/modules.mjs';

const module = selectedModule(process.env);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: module.mutate,
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.LITREV_MUTATION_CONCURRENCY ?? 1),
  incremental: true,
  incrementalFile: `reports/mutation/${module.name}.incremental.json`,
  reporters: ['clear-text', 'json', 'dots'],
  jsonReporter: { fileName: `reports/mutation/${module.name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['/cache', '/reports', '/runs', '/.litrev', '/.stryker-tmp'],
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 20000,
};
