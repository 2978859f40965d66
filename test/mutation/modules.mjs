/**
 * The trust-critical modules mutation testing covers (`npm run test:mutation [module...]`): the source
 * files Stryker mutates, and the test files that guard them (each module runs only its own tests).
 */
export const MUTATION_MODULES = {
  verify: {
    mutate: ['src/verify/**/*.ts'],
    tests: ['test/verify/**/*.test.ts', 'test/report/verification-section.test.ts', 'test/qa/citation-filter.test.ts'],
  },
  'model-guards': {
    mutate: ['src/model/cost-guard.ts', 'src/model/rate-governor.ts', 'src/model/endpoint-health.ts', 'src/model/request-runner.ts', 'src/model/retry-after.ts', 'src/model/retry-policy.ts'],
    tests: ['test/model/guards.test.ts', 'test/model/rate-governor.test.ts', 'test/model/retry-timing.test.ts', 'test/model/request-runner.test.ts', 'test/model/scheduler.test.ts', 'test/model/gateway-retry.test.ts', 'test/model/rate-limits.test.ts', 'test/model/endpoint-failures.test.ts'],
  },
  'cache-resolution': {
    mutate: ['src/model/response-cache.ts', 'src/cache/**/*.ts'],
    tests: ['test/cache/**/*.test.ts', 'test/model/gateway-cache.test.ts'],
  },
  'corpus-identity': {
    mutate: ['src/corpus/corpus-hash.ts', 'src/corpus/dedupe.ts', 'src/corpus/paper-id.ts', 'src/corpus/identifiers.ts'],
    tests: ['test/corpus/dedupe.test.ts', 'test/corpus/paper-identity.test.ts', 'test/corpus/store.test.ts', 'test/corpus/ingest-semantics.test.ts', 'test/corpus/record-fields.test.ts'],
  },
  'review-files': {
    mutate: ['src/review/parse-taxonomy-file.ts', 'src/review/parse-criteria-file.ts'],
    tests: ['test/review/parse-taxonomy-file.test.ts', 'test/review/parse-criteria-file.test.ts', 'test/review/criteria.test.ts'],
  },
  'eval-metrics': {
    mutate: ['src/eval/classification-metrics.ts', 'src/eval/clustering-metrics.ts', 'src/eval/screening-metrics.ts', 'src/eval/bootstrap.ts', 'src/eval/match-gold.ts'],
    tests: ['test/eval/eval-metrics.test.ts', 'test/eval/metric-edge-cases.test.ts', 'test/eval/match-gold.test.ts', 'test/eval/eval-cli.test.ts'],
  },
};

/** The module named by LITREV_MUTATION_MODULE (set by scripts/mutation.ts). */
export function selectedModule(env) {
  const name = env.LITREV_MUTATION_MODULE;
  const module = name === undefined ? undefined : MUTATION_MODULES[name];
  if (!module) throw new Error(`LITREV_MUTATION_MODULE must be one of: ${Object.keys(MUTATION_MODULES).join(', ')} (npm run test:mutation -- <module>)`);
  return { name, ...module };
}
