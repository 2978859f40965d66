import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateEntry } from '../../src/cache/cache-entry.js';
import { isCacheKey } from '../../src/cache/cache-key.js';
import { canonicalJSON } from '../../src/cache/canonical-json.js';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { tempDir } from '../model/support/gateway-config.js';
import { makeEntry } from './support/entries.js';

/** One entry file as a read sees it: the reason it gives for refusing one, and what reading does to the file. */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function cache(): DiskCache {
  const dir = tempDir('litrev-entry-');
  dirs.push(dir);
  return new DiskCache(dir);
}

describe('why an entry file is refused', () => {
  const e = makeEntry('q');
  const digest = `sha256:${'0'.repeat(64)}`;

  it('not an entry: the first field that is wrong, or "root" for something that is not an object', () => {
    expect(validateEntry({}, e.key)).toEqual({ ok: false, reason: 'not a cache entry (format: Invalid input: expected 1)' });
    expect(validateEntry([], e.key)).toEqual({ ok: false, reason: 'not a cache entry (root: Invalid input: expected object, received array)' });
    expect(validateEntry({ ...e, usage: { promptTokens: -1, completionTokens: 0 } }, e.key)).toMatchObject({ ok: false, reason: expect.stringMatching(/^not a cache entry \(usage\.promptTokens: /) });
  });

  it('a key or a digest with anything around it is not one', () => {
    expect(validateEntry({ ...e, key: `0${e.key}` }, e.key)).toMatchObject({ ok: false, reason: expect.stringMatching(/^not a cache entry \(key: /) });
    expect(validateEntry({ ...e, key: `${e.key}0` }, e.key)).toMatchObject({ ok: false, reason: expect.stringMatching(/^not a cache entry \(key: /) });
    expect(validateEntry({ ...e, digest: `x${digest}` }, e.key)).toMatchObject({ ok: false, reason: expect.stringMatching(/^not a cache entry \(digest: /) });
    expect(validateEntry({ ...e, digest: `${digest}0` }, e.key)).toMatchObject({ ok: false, reason: expect.stringMatching(/^not a cache entry \(digest: /) });
    expect(validateEntry({ ...e, digest }, e.key)).toMatchObject({ ok: true });
    expect(isCacheKey(e.key)).toBe(true);
    expect(isCacheKey(`0${e.key}`)).toBe(false);
    expect(isCacheKey(`${e.key}0`)).toBe(false);
  });

  it("another entry's file, a chat entry with no reply, an embedding with no vector", () => {
    const other = makeEntry('other');
    expect(validateEntry(other, e.key)).toEqual({ ok: false, reason: `entry key ${other.key.slice(0, 12)}… does not match its file name` });
    const { reply: _r, ...noReply } = e;
    expect(validateEntry(noReply, e.key)).toEqual({ ok: false, reason: 'chat entry without a reply' });
    expect(validateEntry({ ...noReply, kind: 'embedding' }, e.key)).toEqual({ ok: false, reason: 'embedding entry without a vector' });
    expect(validateEntry({ ...noReply, kind: 'embedding', embedding: [0.5] }, e.key)).toMatchObject({ ok: true });
  });
});

describe('reading an entry file', () => {
  it('a file that cannot be read (a folder in its place) is corrupt, saying why; not a miss', async () => {
    const c = cache();
    const key = makeEntry('q').key;
    mkdirSync(c.fileFor(key), { recursive: true });
    expect(await c.read(key)).toEqual({ status: 'corrupt', reason: expect.stringMatching(/^unreadable: EISDIR/), file: c.fileFor(key) });
  });

  it('text that is not JSON is corrupt, with the parser\'s reason', async () => {
    const c = cache();
    const e = makeEntry('q');
    await c.write(e);
    writeFileSync(c.fileFor(e.key), '{ torn');
    expect(await c.read(e.key)).toMatchObject({ status: 'corrupt', reason: expect.stringMatching(/^not valid JSON \(.+\)$/) });
  });

  it('reading a sealed entry leaves its file as it is; an entry from before digests is rewritten with one', async () => {
    const c = cache();
    const e = makeEntry('q');
    await c.write(e);
    const file = c.fileFor(e.key);
    const old = new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000);
    utimesSync(file, old, old);
    expect(await c.read(e.key)).toMatchObject({ status: 'hit', sealed: true });
    expect(statSync(file).mtimeMs).toBe(old.getTime());

    const { digest: _d, ...legacy } = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify(legacy));
    expect(await c.read(e.key)).toMatchObject({ status: 'hit', sealed: false });
    expect(JSON.parse(readFileSync(file, 'utf8')).digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('marking an entry used sets its time to now; a missing entry is no error', async () => {
    const c = cache();
    const e = makeEntry('q');
    await c.write(e);
    const old = new Date(Date.now() - 86_400_000);
    utimesSync(c.fileFor(e.key), old, old);
    await c.touch(e.key);
    expect(statSync(c.fileFor(e.key)).mtimeMs).toBeGreaterThan(old.getTime() + 3_600_000);
    await c.touch(makeEntry('absent').key);
    expect(path.basename(c.fileFor(e.key))).toBe(`${e.key}.json`);
  });
});

it('canonical JSON serialises a value by its toJSON, as JSON.stringify does (a date is its ISO string)', () => {
  expect(canonicalJSON({ at: new Date(Date.UTC(2026, 0, 2)) })).toBe('{"at":"2026-01-02T00:00:00.000Z"}');
  expect(canonicalJSON({ b: { toJSON: () => ({ z: 1, y: 2 }) }, a: 1 })).toBe('{"a":1,"b":{"y":2,"z":1}}');
});
