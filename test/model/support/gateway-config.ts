import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Flags } from '../../../src/config/load.js';
import type { Config } from '../../../src/config/schema.js';

/** A temp folder for a test's cache and runs. */
export function tempDir(prefix = 'litrev-model-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestConfigOptions {
  url: string;
  cwd?: string;
  apiKey?: string;
  flags?: Flags;
  env?: Record<string, string>;
}

/** A Config built by the real loader, pointing at the test server, with its cache under `cwd`. */
export function testConfig(o: TestConfigOptions): Config {
  const cwd = o.cwd ?? tempDir();
  return loadConfig({
    cwd,
    flags: { model: 'test-model', ...o.flags },
    env: {
      OPENAI_BASE_URL: o.url,
      ...(o.apiKey === undefined ? {} : { OPENAI_API_KEY: o.apiKey }),
      LITREV_TIMEOUT_MS: '10000',
      ...o.env,
    },
  });
}

/** Fast backoff for tests (the delays still follow the policy, just shorter). */
export const FAST_RETRY = { baseDelayMs: 10, maxDelayMs: 50 };
