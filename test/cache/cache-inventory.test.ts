import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheEntry } from '../../src/cache/cache-entry.js';
import { CACHE_FORMAT_VERSION, cacheKey } from '../../src/cache/cache-key.js';
import { cacheStats, pruneCache } from '../../src/cache/cache-maintenance.js';
import { scanCache } from '../../src/cache/cache-scan.js';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { tempDir } from '../model/support/gateway-config.js';
import { makeEntry } from './support/entries.js';

/** What `litrev cache stats|verify|prune` find in a cache folder, file by file. */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function folder(): { dir: string; cache: DiskCache } {
  const dir = tempDir('litrev-cache-');
  dirs.push(dir);
  return { dir, cache: new DiskCache(dir) };
}

function embeddingEntry(text: string, createdAt: string): CacheEntry {
  const endpoint = 'http://127.0.0.1:1/v1';
  const body = { model: 'embedder', input: text };
  return { format: CACHE_FORMAT_VERSION, key: cacheKey({ endpoint, kind: 'embedding', body }), kind: 'embedding', createdAt, stage: 'embed', request: { endpoint, body }, embedding: [0.1, 0.2], usage: { promptTokens: 5, completionTokens: 0 }, latencyMs: 2, attempts: 1 };
}

const setAge = (file: string, msAgo: number, now = Date.now()) => {
  const t = new Date(now - msAgo);
  utimesSync(file, t, t);
};

async function scanned(dir: string) {
  const out = [];
  for await (const f of scanCache(dir)) out.push(f);
  return out;
}

describe('cache stats', () => {
  it('counts by kind, model and stage, sums bytes and both token counts, and names the oldest and newest entry', async () => {
    const { dir, cache } = folder();
    const chat = { ...makeEntry('a'), createdAt: '2026-03-02T00:00:00.000Z' };
    const untitled = makeEntry('b');
    const noModel: CacheEntry = { ...untitled, createdAt: '2026-01-05T00:00:00.000Z', request: { ...untitled.request, body: { messages: [] } }, key: cacheKey({ endpoint: untitled.request.endpoint, kind: 'chat', body: { messages: [] } }) };
    const vector = embeddingEntry('t', '2026-02-01T00:00:00.000Z');
    for (const e of [chat, noModel, vector]) await cache.write(e);
    const bytes = [chat, noModel, vector].reduce((n, e) => n + statSync(cache.fileFor(e.key)).size, 0);
    const s = await cacheStats(dir);
    expect(s).toMatchObject({
      dir,
      entries: 3,
      bytes,
      corrupt: 0,
      tempFiles: 0,
      unsealed: 0,
      byKind: { chat: 2, embedding: 1 },
      byModel: { m: 1, unknown: 1, embedder: 1 },
      byStage: { test: 2, embed: 1 },
      promptTokens: 11,
      completionTokens: 8,
      oldest: '2026-01-05T00:00:00.000Z',
      newest: '2026-03-02T00:00:00.000Z',
      problems: [],
    });
  });

  it('the oldest and newest entry whatever order the files are read in', async () => {
    const { dir, cache } = folder();
    const [first, second, third] = ['x', 'y', 'z'].map((c) => makeEntry(c)).sort((a, b) => (a.key < b.key ? -1 : 1));
    // Read in key order: the newest is not last and the oldest not first.
    await cache.write({ ...first!, createdAt: '2026-02-01T00:00:00.000Z' });
    await cache.write({ ...second!, createdAt: '2026-03-01T00:00:00.000Z' });
    await cache.write({ ...third!, createdAt: '2026-01-01T00:00:00.000Z' });
    expect(await cacheStats(dir)).toMatchObject({ oldest: '2026-01-01T00:00:00.000Z', newest: '2026-03-01T00:00:00.000Z' });
  });

  it('an empty folder: nothing counted, no oldest or newest', async () => {
    const { dir } = folder();
    expect(await cacheStats(dir)).toEqual({ dir, entries: 0, bytes: 0, corrupt: 0, tempFiles: 0, unsealed: 0, byKind: {}, byModel: {}, byStage: {}, promptTokens: 0, completionTokens: 0, oldest: null, newest: null, problems: [] });
  });

  it('a corrupt entry and a temporary file count their bytes; the problem names the file relative to the folder', async () => {
    const { dir, cache } = folder();
    const e = makeEntry('x');
    await cache.write(e);
    writeFileSync(cache.fileFor(e.key), '{ torn');
    const temp = path.join(dir, e.key.slice(0, 2), `.${e.key}.json.1.abc.tmp`);
    writeFileSync(temp, '{"ha');
    const s = await cacheStats(dir);
    expect(s).toMatchObject({ entries: 0, corrupt: 1, tempFiles: 1, bytes: 6 + 4 });
    expect(s.problems).toEqual([{ file: path.join(e.key.slice(0, 2), `${e.key}.json`), reason: expect.stringMatching(/^not valid JSON/) }]);
  });
});

describe('what the scan reads as an entry', () => {
  it('only 64-hex-digit .json files in two-hex-digit shard folders; other files and folders are not the cache\'s', async () => {
    const { dir, cache } = folder();
    const e = makeEntry('kept');
    await cache.write(e);
    const shard = path.join(dir, e.key.slice(0, 2));
    writeFileSync(path.join(dir, `${e.key}.json`), '{}');
    mkdirSync(path.join(dir, 'zz'));
    writeFileSync(path.join(dir, 'zz', `${'0'.repeat(62)}zz.json`), '{}');
    mkdirSync(path.join(dir, 'abc'));
    writeFileSync(path.join(dir, 'abc', `${'a'.repeat(64)}.json`), '{}');
    writeFileSync(path.join(shard, `${e.key}.txt`), 'notes');
    writeFileSync(path.join(shard, `${e.key.toUpperCase()}.json`), '{}');
    writeFileSync(path.join(shard, `${e.key}.json.bak`), '{}');
    writeFileSync(path.join(shard, `${e.key}.yaml`), '{}');
    mkdirSync(path.join(shard, `${'f'.repeat(64)}.json`));
    writeFileSync(path.join(shard, `.${e.key}.json.tmp.old`), 'x');
    expect((await scanned(dir)).map((f) => f.type)).toEqual(['entry']);
  });

  it('shards and files in order; an entry filed under the wrong shard is corrupt', async () => {
    const { dir, cache } = folder();
    const entries = ['a', 'b', 'c', 'd'].map((c) => makeEntry(c));
    for (const e of entries) await cache.write(e);
    const sorted = entries.map((e) => e.key).sort();
    expect((await scanned(dir)).map((f) => (f.type === 'entry' ? f.key : f.type))).toEqual(sorted);
    const moved = entries[0]!;
    const wrongShard = moved.key.startsWith('00') ? '01' : '00';
    mkdirSync(path.join(dir, wrongShard), { recursive: true });
    writeFileSync(path.join(dir, wrongShard, `${moved.key}.json`), readFileSync(cache.fileFor(moved.key)));
    expect((await scanned(dir)).find((f) => f.type === 'corrupt')).toMatchObject({ key: moved.key, reason: 'entry is in the wrong shard folder' });
  });

  it('a cache "folder" that is a file is an error, not an empty cache', async () => {
    const { dir } = folder();
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    await expect(scanned(file)).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

describe('cache prune', () => {
  /** A whole second, so that file times compare exactly. */
  const second = Math.floor(Date.now() / 1000) * 1000;

  it('an entry last used exactly N days ago is kept; a millisecond more and it goes', async () => {
    const { dir, cache } = folder();
    const e = makeEntry('edge');
    await cache.write(e);
    setAge(cache.fileFor(e.key), 2 * 86_400_000, second);
    expect((await pruneCache(dir, { olderThanDays: 2, now: second })).removed).toBe(0);
    expect((await pruneCache(dir, { olderThanDays: 2, now: second + 1 })).removed).toBe(1);
  });

  it('a corrupt entry exactly N days old is kept by --older-than', async () => {
    const { dir, cache } = folder();
    const e = makeEntry('edge');
    await cache.write(e);
    writeFileSync(cache.fileFor(e.key), '{ torn');
    setAge(cache.fileFor(e.key), 2 * 86_400_000, second);
    expect((await pruneCache(dir, { olderThanDays: 2, now: second })).removed).toBe(0);
    expect((await pruneCache(dir, { olderThanDays: 2, now: second + 1 })).removedCorrupt).toBe(1);
  });

  it('a temporary file exactly the maximum age is kept; a millisecond older it goes', async () => {
    const { dir, cache } = folder();
    const e = makeEntry('t');
    await cache.write(e);
    const temp = path.join(path.dirname(cache.fileFor(e.key)), `.${e.key}.json.1.a.tmp`);
    writeFileSync(temp, 'abc');
    setAge(temp, 1000, second);
    expect((await pruneCache(dir, { now: second, tempMaxAgeMs: 1000 })).removedTemp).toBe(0);
    expect((await pruneCache(dir, { now: second + 1, tempMaxAgeMs: 1000 })).removedTemp).toBe(1);
  });

  it('--older-than N days removes entries last used more than N days ago, and reports the bytes freed', async () => {
    const { dir, cache } = folder();
    const now = Date.now();
    const [old, edge, fresh] = ['old', 'edge', 'fresh'].map((c) => makeEntry(c));
    for (const e of [old!, edge!, fresh!]) await cache.write(e);
    setAge(cache.fileFor(old!.key), 3 * 86_400_000 + 1000, now);
    setAge(cache.fileFor(edge!.key), 3 * 86_400_000 - 1000, now);
    const size = statSync(cache.fileFor(old!.key)).size;
    expect(await pruneCache(dir, { olderThanDays: 3, now })).toEqual({ removed: 1, freedBytes: size, removedCorrupt: 0, removedTemp: 0 });
    expect((await cache.read(old!.key)).status).toBe('miss');
    expect((await cache.read(edge!.key)).status).toBe('hit');
  });

  it('a corrupt entry goes with --corrupt, or with --older-than once it is that old; without either, nothing is removed', async () => {
    const { dir, cache } = folder();
    const now = Date.now();
    const [a, b] = ['a', 'b'].map((c) => makeEntry(c));
    for (const e of [a!, b!]) await cache.write(e);
    writeFileSync(cache.fileFor(a!.key), '{ torn');
    writeFileSync(cache.fileFor(b!.key), '{ torn too');
    setAge(cache.fileFor(a!.key), 10 * 86_400_000, now);
    expect(await pruneCache(dir, { now })).toEqual({ removed: 0, freedBytes: 0, removedCorrupt: 0, removedTemp: 0 });
    expect(await pruneCache(dir, { olderThanDays: 5, now })).toEqual({ removed: 1, freedBytes: 6, removedCorrupt: 1, removedTemp: 0 });
    expect(await pruneCache(dir, { corrupt: true, now })).toEqual({ removed: 1, freedBytes: 10, removedCorrupt: 1, removedTemp: 0 });
    expect(await scanned(dir)).toEqual([]);
  });

  it('temporary files go once older than an hour (or the age given), counted apart from entries', async () => {
    const { dir, cache } = folder();
    const now = Date.now();
    const e = makeEntry('t');
    await cache.write(e);
    const shard = path.dirname(cache.fileFor(e.key));
    const young = path.join(shard, `.${e.key}.json.1.a.tmp`);
    const old = path.join(shard, `.${e.key}.json.2.b.tmp`);
    writeFileSync(young, 'abc');
    writeFileSync(old, 'abcde');
    setAge(young, 3_599_000, now);
    setAge(old, 3_601_000, now);
    expect(await pruneCache(dir, { now })).toEqual({ removed: 0, freedBytes: 5, removedCorrupt: 0, removedTemp: 1 });
    expect(await pruneCache(dir, { now, tempMaxAgeMs: 1000 })).toEqual({ removed: 0, freedBytes: 3, removedCorrupt: 0, removedTemp: 1 });
    expect((await cache.read(e.key)).status).toBe('hit');
  });
});
