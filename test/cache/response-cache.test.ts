import { rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheEntry } from '../../src/cache/cache-entry.js';
import { DiskCache } from '../../src/cache/disk-cache.js';
import type { CacheMode } from '../../src/config/schema.js';
import { CacheMissError, ConfigError } from '../../src/errors.js';
import { ResponseCache, type Fetched } from '../../src/model/response-cache.js';
import type { ModelEvent } from '../../src/model/types.js';
import { tempDir } from '../model/support/gateway-config.js';
import { makeEntry } from './support/entries.js';

/** The cache modes over a real cache folder: what is read, what is fetched, what is written, what is shared. */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function folder(): string {
  const dir = tempDir('litrev-rcache-');
  dirs.push(dir);
  return dir;
}

function cacheOver(dir: string, mode: CacheMode) {
  const events: ModelEvent[] = [];
  return { cache: new ResponseCache(new DiskCache(dir), mode, (e) => events.push(e)), events };
}

/** A fetch that answers `entry` (with `answer` as its reply), counting its calls. */
function fetcher(entry: CacheEntry, answer = 'fresh answer', store = true) {
  let calls = 0;
  const fetch = async (): Promise<Fetched> => {
    calls++;
    return { entry: { ...entry, reply: { ...entry.reply!, content: answer } }, store };
  };
  return { fetch, calls: () => calls };
}

const describeIt = () => 'the request "q"';
const contentOf = (r: { entry: CacheEntry }) => r.entry.reply?.content;

describe('readwrite', () => {
  it('a miss is fetched and written; the same request later is read from disk without a fetch', async () => {
    const dir = folder();
    const e = makeEntry('q');
    const { cache, events } = cacheOver(dir, 'readwrite');
    const f = fetcher(e);
    expect(await cache.resolve(e.key, describeIt, f.fetch)).toMatchObject({ cached: false, entry: { reply: { content: 'fresh answer' } } });
    expect(events).toEqual([]);
    const again = await cacheOver(dir, 'readwrite').cache.resolve(e.key, describeIt, f.fetch);
    expect(again.cached).toBe(true);
    expect(contentOf(again)).toBe('fresh answer');
    expect(f.calls()).toBe(1);
  });

  it('an answer that may not be stored (an error, an empty reply) is fetched again next time', async () => {
    const dir = folder();
    const e = makeEntry('q');
    const f = fetcher(e, '', false);
    await cacheOver(dir, 'readwrite').cache.resolve(e.key, describeIt, f.fetch);
    await cacheOver(dir, 'readwrite').cache.resolve(e.key, describeIt, f.fetch);
    expect(f.calls()).toBe(2);
    expect((await new DiskCache(dir).read(e.key)).status).toBe('miss');
  });

  it('a corrupt entry is reported and fetched again', async () => {
    const dir = folder();
    const e = makeEntry('q');
    const disk = new DiskCache(dir);
    await disk.write(e);
    writeFileSync(disk.fileFor(e.key), '{ torn');
    const { cache, events } = cacheOver(dir, 'readwrite');
    const f = fetcher(e);
    expect(await cache.resolve(e.key, describeIt, f.fetch)).toMatchObject({ cached: false });
    expect(events).toEqual([{ type: 'cache-corrupt', cacheKey: e.key, reason: expect.stringMatching(/^not valid JSON/) }]);
    expect((await disk.read(e.key)).status).toBe('hit');
  });

  it("a hit marks the entry used (its file's time) once background I/O is flushed", async () => {
    const dir = folder();
    const e = makeEntry('q');
    const disk = new DiskCache(dir);
    await disk.write(e);
    const old = new Date(Date.now() - 30 * 86_400_000);
    utimesSync(disk.fileFor(e.key), old, old);
    const { cache } = cacheOver(dir, 'readwrite');
    await cache.resolve(e.key, describeIt, fetcher(e).fetch);
    await cache.flush();
    expect(statSync(disk.fileFor(e.key)).mtimeMs).toBeGreaterThan(Date.now() - 86_400_000);
  });

  it('a cache folder that cannot be written is a configuration error naming the file', async () => {
    const dir = folder();
    const blocked = path.join(dir, 'file');
    writeFileSync(blocked, 'x');
    const e = makeEntry('q');
    const err = await cacheOver(blocked, 'readwrite').cache.resolve(e.key, describeIt, fetcher(e).fetch).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toMatchObject({ message: expect.stringContaining(`cannot write the cache entry ${new DiskCache(blocked).fileFor(e.key)}: `), hint: 'check that the cache folder (--cache-dir) is writable and the disk not full' });
  });
});

describe('identical requests in flight', () => {
  it('are sent once, across gateways of the same folder and mode; the others are served as cached', async () => {
    const dir = folder();
    const e = makeEntry('q');
    const f = fetcher(e);
    const [a, b, c] = await Promise.all([
      cacheOver(dir, 'readwrite').cache.resolve(e.key, describeIt, f.fetch),
      cacheOver(dir, 'readwrite').cache.resolve(e.key, describeIt, f.fetch),
      cacheOver(dir, 'readwrite').cache.resolve(e.key, describeIt, f.fetch),
    ]);
    expect(f.calls()).toBe(1);
    expect([a!.cached, b!.cached, c!.cached]).toEqual([false, true, true]);
    expect(contentOf(b!)).toBe('fresh answer');
  });

  it('a refresh does not join a readwrite lookup, nor one of another folder', async () => {
    const dir = folder();
    const e = makeEntry('q');
    const f = fetcher(e);
    await Promise.all([
      cacheOver(dir, 'refresh').cache.resolve(e.key, describeIt, f.fetch),
      cacheOver(dir, 'off').cache.resolve(e.key, describeIt, f.fetch),
      cacheOver(folder(), 'off').cache.resolve(e.key, describeIt, f.fetch),
    ]);
    expect(f.calls()).toBe(3);
  });

  it('only while in flight: once settled, the next identical request is resolved on its own', async () => {
    const dir = folder();
    const e = makeEntry('q');
    const f = fetcher(e);
    const { cache } = cacheOver(dir, 'off');
    await cache.resolve(e.key, describeIt, f.fetch);
    await cache.resolve(e.key, describeIt, f.fetch);
    expect(f.calls()).toBe(2);
  });
});

describe('replay', () => {
  it('serves what is on disk; a miss sends nothing and names the request', async () => {
    const dir = folder();
    const e = makeEntry('q');
    await new DiskCache(dir).write(e);
    const { cache } = cacheOver(dir, 'replay');
    const f = fetcher(e);
    expect(await cache.resolve(e.key, describeIt, f.fetch)).toMatchObject({ cached: true, entry: { reply: { content: 'answer to q' } } });
    const other = makeEntry('other');
    const miss = await cache.resolve(other.key, describeIt, f.fetch).catch((x: unknown) => x);
    expect(miss).toBeInstanceOf(CacheMissError);
    expect((miss as Error).message).toBe(`cache miss in replay mode: the request "q" (key ${other.key.slice(0, 16)}…)`);
    expect(f.calls()).toBe(0);
  });

  it('a corrupt entry is a miss that says so, and is reported', async () => {
    const dir = folder();
    const e = makeEntry('q');
    const disk = new DiskCache(dir);
    await disk.write(e);
    writeFileSync(disk.fileFor(e.key), '{}');
    const { cache, events } = cacheOver(dir, 'replay');
    const f = fetcher(e);
    const miss = await cache.resolve(e.key, describeIt, f.fetch).catch((x: unknown) => x);
    expect((miss as Error).message).toBe(`cache miss in replay mode: corrupt entry for the request "q" (key ${e.key.slice(0, 16)}…)`);
    expect(events).toMatchObject([{ type: 'cache-corrupt', cacheKey: e.key }]);
    expect(f.calls()).toBe(0);
  });

  it('put writes nothing', async () => {
    const dir = folder();
    const e = makeEntry('q');
    await cacheOver(dir, 'replay').cache.put(e);
    expect((await new DiskCache(dir).read(e.key)).status).toBe('miss');
  });
});

describe('refresh', () => {
  it('asks again once per key and overwrites; later identical requests of the same gateway read that answer', async () => {
    const dir = folder();
    const e = makeEntry('q');
    await new DiskCache(dir).write(e);
    const { cache } = cacheOver(dir, 'refresh');
    expect(await cache.peek(e.key)).toBeNull();
    const f = fetcher(e);
    expect(await cache.resolve(e.key, describeIt, f.fetch)).toMatchObject({ cached: false, entry: { reply: { content: 'fresh answer' } } });
    const later = await cache.resolve(e.key, describeIt, f.fetch);
    expect(later).toMatchObject({ cached: true, entry: { reply: { content: 'fresh answer' } } });
    expect(f.calls()).toBe(1);
    expect(contentOf({ entry: (await cache.peek(e.key))! })).toBe('fresh answer');
  });

  it('an answer that may not be stored is asked again', async () => {
    const dir = folder();
    const e = makeEntry('q');
    const { cache } = cacheOver(dir, 'refresh');
    const f = fetcher(e, '', false);
    await cache.resolve(e.key, describeIt, f.fetch);
    await cache.resolve(e.key, describeIt, f.fetch);
    expect(f.calls()).toBe(2);
  });

  it('an entry put (an embedding) counts as refreshed: it is read back', async () => {
    const dir = folder();
    const e = makeEntry('q');
    const { cache } = cacheOver(dir, 'refresh');
    await cache.put(e);
    expect(await cache.peek(e.key)).toMatchObject({ key: e.key });
  });
});

describe('off', () => {
  it('never reads or writes the folder', async () => {
    const dir = folder();
    const e = makeEntry('q');
    await new DiskCache(dir).write(e);
    const { cache } = cacheOver(dir, 'off');
    expect(await cache.peek(e.key)).toBeNull();
    const other = makeEntry('other');
    await cache.put(other);
    await cache.resolve(makeEntry('third').key, describeIt, fetcher(makeEntry('third')).fetch);
    expect((await new DiskCache(dir).read(other.key)).status).toBe('miss');
    expect((await new DiskCache(dir).read(makeEntry('third').key)).status).toBe('miss');
  });
});

describe('peek', () => {
  it('a hit, a miss, and a corrupt entry (reported, read as nothing)', async () => {
    const dir = folder();
    const e = makeEntry('q');
    const disk = new DiskCache(dir);
    await disk.write(e);
    const { cache, events } = cacheOver(dir, 'readwrite');
    expect(await cache.peek(e.key)).toMatchObject({ key: e.key, reply: { content: 'answer to q' } });
    expect(await cache.peek(makeEntry('none').key)).toBeNull();
    expect(events).toEqual([]);
    writeFileSync(disk.fileFor(e.key), '[]');
    expect(await cache.peek(e.key)).toBeNull();
    expect(events).toMatchObject([{ type: 'cache-corrupt', cacheKey: e.key, reason: expect.stringMatching(/^not a cache entry/) }]);
  });
});
