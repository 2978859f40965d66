import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // dist/ rebuilt when src/ is newer (spawned-CLI tests run it); one temp folder per run, removed at its end.
    globalSetup: ['./test/support/setup-dist.ts', './test/support/setup-tmpdir.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
