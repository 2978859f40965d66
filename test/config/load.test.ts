import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, redactURL } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'litrev-config-'));

describe('loadConfig', () => {
  it('uses the offline engine with no key and no base URL, and says why', () => {
    const c = loadConfig({ cwd: dir(), env: {} });
    expect(c).toMatchObject({ engine: 'offline', cacheMode: 'readwrite', concurrency: 8, output: 'plain' });
    expect(c.engineReason).toMatch(/no OPENAI_API_KEY or OPENAI_BASE_URL/);
    expect(c.model.name).toBe('gpt-4o-mini');
  });

  it('uses the model with a key or a base URL; --offline wins over both', () => {
    expect(loadConfig({ cwd: dir(), env: { OPENAI_API_KEY: 'sk-x' } }).engine).toBe('model');
    const local = loadConfig({ cwd: dir(), env: { OPENAI_BASE_URL: 'http://localhost:11434/v1/' } });
    expect(local).toMatchObject({ engine: 'model', model: { baseURL: 'http://localhost:11434/v1' } });
    expect(loadConfig({ cwd: dir(), env: { OPENAI_API_KEY: 'sk-x' }, flags: { offline: true } }).engine).toBe('offline');
  });

  it('takes flags over environment over .env over the config file over defaults', () => {
    const cwd = dir();
    writeFileSync(path.join(cwd, 'litrev.config.json'), JSON.stringify({ model: 'from-file', concurrency: 3, cacheDir: 'file-cache', maxCost: 2 }));
    writeFileSync(path.join(cwd, '.env'), 'LITREV_MODEL=from-dotenv\nLITREV_CONCURRENCY=4\nOPENAI_BASE_URL=http://127.0.0.1:10/v1\n');
    const c = loadConfig({ cwd, env: { LITREV_CONCURRENCY: '5' }, flags: { model: ['from-flag'] } });
    expect(c.model.name).toBe('from-flag');
    expect(c.concurrency).toBe(5);
    expect(c.engine).toBe('model');
    expect(c.cacheDir).toBe(path.join(cwd, 'file-cache'));
    expect(c.maxCost).toBe(2);
    expect(loadConfig({ cwd, env: {} }).model.name).toBe('from-dotenv');
  });

  it('keeps every --model and --prompts for matrix runs, resolved against the working folder', () => {
    const cwd = dir();
    const c = loadConfig({ cwd, env: { OPENAI_API_KEY: 'k' }, flags: { model: ['a', 'b'], prompts: ['p1', 'p2'] } });
    expect(c.models).toEqual(['a', 'b']);
    expect(c.promptDirs).toEqual([path.join(cwd, 'p1'), path.join(cwd, 'p2')]);
  });

  it('chooses ink only on a terminal outside CI; --json always wins', () => {
    expect(loadConfig({ cwd: dir(), env: {}, isTTY: true }).output).toBe('ink');
    expect(loadConfig({ cwd: dir(), env: { CI: 'true' }, isTTY: true }).output).toBe('plain');
    expect(loadConfig({ cwd: dir(), env: {}, isTTY: true, flags: { json: true } }).output).toBe('json');
  });

  it('rejects bad values with a one-line ConfigError naming the setting', () => {
    expect(() => loadConfig({ cwd: dir(), env: {}, flags: { concurrency: 'many' } })).toThrow(/--concurrency must be a number/);
    expect(() => loadConfig({ cwd: dir(), env: {}, flags: { cache: 'sometimes' } })).toThrow(/--cache must be one of readwrite, replay, refresh, off/);
    expect(() => loadConfig({ cwd: dir(), env: { LITREV_CONCURRENCY: '0' } })).toThrow(ConfigError);
    const cwd = dir();
    writeFileSync(path.join(cwd, 'litrev.config.json'), JSON.stringify({ modle: 'typo' }));
    expect(() => loadConfig({ cwd, env: {} })).toThrow(/litrev\.config\.json/);
  });

  it('takes the offline worker threads from LITREV_WORKERS or the config file, else one per core up to 4', () => {
    expect(loadConfig({ cwd: dir(), env: { LITREV_WORKERS: '1' } }).workers).toBe(1);
    const cwd = dir();
    writeFileSync(path.join(cwd, 'litrev.config.json'), JSON.stringify({ workers: 3 }));
    expect(loadConfig({ cwd, env: {} }).workers).toBe(3);
    const byDefault = loadConfig({ cwd: dir(), env: {} }).workers;
    expect(byDefault).toBeGreaterThanOrEqual(1);
    expect(byDefault).toBeLessThanOrEqual(4);
    expect(() => loadConfig({ cwd: dir(), env: { LITREV_WORKERS: '0' } })).toThrow(/workers/);
    expect(() => loadConfig({ cwd: dir(), env: { LITREV_WORKERS: 'all' } })).toThrow(/LITREV_WORKERS must be a number/);
  });

  it('never shows credentials of an endpoint URL', () => {
    expect(redactURL('https://user:secret@example.test/v1?key=abc')).toBe('https://example.test/v1');
  });
});
