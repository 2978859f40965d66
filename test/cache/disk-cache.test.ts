import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { tempDir } from '../model/support/gateway-config.js';
import { makeEntry } from './support/entries.js';

describe('DiskCache', () => {
  it('writes one file per entry in a shard folder and reads it back', async () => {
    const dir = tempDir();
    const cache = new DiskCache(dir);
    const e = makeEntry('hello');
    await cache.write(e);
    const file = cache.fileFor(e.key);
    expect(path.relative(dir, file)).toBe(path.join(e.key.slice(0, 2), `${e.key}.json`));
    expect(await cache.read(e.key)).toEqual({ status: 'hit', entry: { ...e, digest: expect.stringMatching(/^sha256:/) }, sealed: true });
    expect(readdirSync(path.dirname(file))).toEqual([`${e.key}.json`]);
  });

  it('reports a miss for an absent key', async () => {
    expect((await new DiskCache(tempDir()).read('a'.repeat(64))).status).toBe('miss');
  });

  it.each([
    ['truncated JSON', (t: string) => t.slice(0, t.length / 2)],
    ['not an entry', () => '{"hello": 1}'],
    ['empty file', () => ''],
    ['key of another entry', (t: string) => t.replace(/"key": "[0-9a-f]{64}"/, `"key": "${'b'.repeat(64)}"`)],
  ])('reports a corrupt entry (%s) instead of throwing', async (_name, damage) => {
    const cache = new DiskCache(tempDir());
    const e = makeEntry('x');
    await cache.write(e);
    const file = cache.fileFor(e.key);
    writeFileSync(file, damage(readFileSync(file, 'utf8')));
    const r = await cache.read(e.key);
    expect(r.status).toBe('corrupt');
  });

  it('never shows a torn file to a reader while other processes rewrite the same entry', async () => {
    const dir = tempDir();
    const e = makeEntry('contended');
    const big = { ...e, reply: { ...e.reply!, content: 'y'.repeat(200_000) } };
    const cache = new DiskCache(dir);
    await cache.write(big);
    mkdirSync(dir, { recursive: true });
    const script = `
      import { DiskCache } from ${JSON.stringify(path.resolve('src/cache/disk-cache.ts'))};
      import { readFileSync } from 'node:fs';
      const entry = JSON.parse(readFileSync(process.argv[2], 'utf8'));
      const c = new DiskCache(${JSON.stringify(dir)});
      for (let i = 0; i < 40; i++) { entry.latencyMs = i; await c.write(entry); }
    `;
    const scriptFile = path.join(dir, 'writer.mts');
    writeFileSync(scriptFile, script);
    const entryFile = path.join(dir, 'entry.json');
    writeFileSync(entryFile, JSON.stringify(big));
    const tsx = path.resolve('node_modules/.bin/tsx');
    const writers = [0, 1, 2].map(
      () =>
        new Promise<number>((resolve) => {
          const child = spawn(tsx, [scriptFile, entryFile], { stdio: 'ignore' });
          child.on('error', () => resolve(-1));
          child.on('exit', (code) => resolve(code ?? -1));
        }),
    );
    let reads = 0;
    let done = false;
    const all = Promise.all(writers).then((codes) => {
      done = true;
      return codes;
    });
    while (!done) {
      const r = await cache.read(e.key);
      expect(r.status).toBe('hit');
      reads++;
    }
    expect(await all).toEqual([0, 0, 0]);
    expect(reads).toBeGreaterThan(0);
    const leftovers = readdirSync(path.dirname(cache.fileFor(e.key)));
    expect(leftovers).toEqual([`${e.key}.json`]);
  });
});
