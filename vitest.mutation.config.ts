import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';
import { selectedModule } from './test/mutation/modules.mjs';

/** Vitest as Stryker runs it (npm run test:mutation): only the selected module's tests. */
// No dist/ rebuild: Stryker's sandbox holds instrumented sources, and the modules' tests run src/ in process.
export default defineConfig({ ...base, test: { ...base.test, include: selectedModule(process.env).tests, reporters: ['default'], globalSetup: ['./test/support/setup-tmpdir.ts'] } });
