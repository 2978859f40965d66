import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';
import { selectedModule } from './test/mutation/modules.mjs';

/** Vitest as Stryker runs it (npm run test:mutation): only the selected module's tests. */
export default defineConfig({ ...base, test: { ...base.test, include: selectedModule(process.env).tests, reporters: ['default'] } });
