import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCapability } from '../../src/model/capabilities.js';
import { CapabilityWriter } from '../../src/model/capability-writer.js';

const PARAMS = { temperature: true, seed: true, tokensField: 'max_tokens' as const };
const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'litrev-capwriter-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('what a run learns of its endpoint, on disk', () => {
  it('flush() resolves once the last of several changes is in capabilities.json', async () => {
    const cacheDir = dir();
    const writer = new CapabilityWriter(cacheDir, 'http://h/v1', 'm', null, false);
    writer.shape({ method: 'function_calling', rejected: ['json_schema'], params: PARAMS });
    writer.shape({ method: 'json_mode', rejected: ['json_schema', 'function_calling'], params: PARAMS });
    await writer.flush();
    const record = await readCapability(cacheDir, 'http://h/v1', 'm');
    expect(record).toMatchObject({ method: 'json_mode', methods: { json_schema: false, function_calling: false, json_mode: true } });
  });

  it('a write that fails is said once, and the run goes on', async () => {
    const cacheDir = path.join(dir(), 'cache');
    writeFileSync(cacheDir, 'a file where the cache folder should be');
    const warnings: string[] = [];
    const writer = new CapabilityWriter(cacheDir, 'http://h/v1', 'm', null, false, (m) => warnings.push(m));
    writer.shape({ method: 'function_calling', rejected: ['json_schema'], params: PARAMS });
    writer.accepted('sig-1');
    await writer.flush();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^could not remember what http:\/\/h\/v1 accepts in capabilities\.json \(.+\): the next run learns it again$/);
  });

  it('in replay or off mode nothing is written', async () => {
    const cacheDir = dir();
    const writer = new CapabilityWriter(cacheDir, 'http://h/v1', 'm', null, true);
    writer.shape({ method: 'json_mode', rejected: ['json_schema'], params: PARAMS });
    await writer.flush();
    expect(await readCapability(cacheDir, 'http://h/v1', 'm')).toBeNull();
  });
});
