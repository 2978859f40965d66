import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheStats, pruneCache } from '../../src/cache/cache-maintenance.js';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { tempDir } from '../model/support/gateway-config.js';
import { makeEntry } from './support/entries.js';

async function filled() {
  const dir = tempDir();
  const cache = new DiskCache(dir);
  const entries = ['a', 'b', 'c'].map((c) => makeEntry(c));
  for (const e of entries) await cache.write(e);
  writeFileSync(path.join(dir, 'capabilities.json'), '{}');
  return { dir, cache, entries };
}

describe('cache stats / verify / prune', () => {
  it('counts entries, bytes, models, stages and tokens; ignores other files', async () => {
    const { dir } = await filled();
    const s = await cacheStats(dir);
    expect(s.entries).toBe(3);
    expect(s.corrupt).toBe(0);
    expect(s.bytes).toBeGreaterThan(0);
    expect(s.byModel).toEqual({ m: 3 });
    expect(s.byStage).toEqual({ test: 3 });
    expect(s.promptTokens).toBe(9);
  });

  it('an empty or missing folder has no entries', async () => {
    expect((await cacheStats(path.join(tempDir(), 'nope'))).entries).toBe(0);
  });

  it('verify recomputes keys: an entry edited to answer another request is corrupt', async () => {
    const { dir, cache, entries } = await filled();
    const e = entries[0]!;
    const tampered = { ...e, request: { ...e.request, body: { ...e.request.body, model: 'other' } } };
    writeFileSync(cache.fileFor(e.key), JSON.stringify(tampered));
    const v = await cacheStats(dir, { verify: true });
    expect(v.corrupt).toBe(1);
    expect(v.problems[0]?.reason).toMatch(/does not hash/);
  });

  it('prune --corrupt removes corrupt entries only; --older-than removes entries unused for that long', async () => {
    const { dir, cache, entries } = await filled();
    writeFileSync(cache.fileFor(entries[0]!.key), '{ torn');
    const old = new Date(Date.now() - 10 * 86_400_000);
    utimesSync(cache.fileFor(entries[1]!.key), old, old);
    const p1 = await pruneCache(dir, { corrupt: true });
    expect(p1).toMatchObject({ removed: 1, removedCorrupt: 1 });
    const p2 = await pruneCache(dir, { olderThanDays: 5 });
    expect(p2.removed).toBe(1);
    const s = await cacheStats(dir);
    expect(s.entries).toBe(1);
    expect((await cache.read(entries[2]!.key)).status).toBe('hit');
  });

  it('prune removes temporary files left by a crashed writer once they are old', async () => {
    const { dir, entries } = await filled();
    const shard = path.join(dir, entries[0]!.key.slice(0, 2));
    const temp = path.join(shard, `.${entries[0]!.key}.json.123.abc.tmp`);
    writeFileSync(temp, '{"half');
    expect((await cacheStats(dir)).tempFiles).toBe(1);
    expect((await pruneCache(dir, { corrupt: true })).removedTemp).toBe(0);
    const old = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(temp, old, old);
    expect((await pruneCache(dir, { corrupt: true })).removedTemp).toBe(1);
  });
});
