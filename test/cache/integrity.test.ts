import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheStats } from '../../src/cache/cache-maintenance.js';
import { scanCache } from '../../src/cache/cache-scan.js';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, runCli } from '../support/run-cli.js';
import { tempDir } from '../model/support/gateway-config.js';
import { makeEntry } from './support/entries.js';

const CORPUS = path.resolve(__dirname, '../../examples/corpus/004_8ff57b83dc1ce018.txt');

describe('cache integrity on every read', () => {
  it('an edited reply does not match its digest: corrupt on read and in stats', async () => {
    const dir = tempDir();
    const cache = new DiskCache(dir);
    const e = makeEntry('q');
    await cache.write(e);
    const file = cache.fileFor(e.key);
    const stored = JSON.parse(await readFile(file, 'utf8'));
    expect(stored.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    stored.reply.content = 'Our own replication found a 47.3% gain.';
    await writeFile(file, JSON.stringify(stored));
    const r = await cache.read(e.key);
    expect(r).toMatchObject({ status: 'corrupt', reason: expect.stringMatching(/does not match its digest/) });
    const s = await cacheStats(dir, { verify: true });
    expect(s).toMatchObject({ entries: 0, corrupt: 1 });
    expect(s.problems[0]!.reason).toMatch(/digest/);
  });

  it("another request's entry with its key field rewritten is corrupt (the request does not hash to the key)", async () => {
    const dir = tempDir();
    const cache = new DiskCache(dir);
    const a = makeEntry('a');
    const b = makeEntry('b');
    await cache.write(a);
    await cache.write(b);
    const other = JSON.parse(await readFile(cache.fileFor(b.key), 'utf8'));
    await writeFile(cache.fileFor(a.key), JSON.stringify({ ...other, key: a.key }));
    const r = await cache.read(a.key);
    expect(r).toMatchObject({ status: 'corrupt', reason: expect.stringMatching(/does not hash to the entry key/) });
    expect((await cacheStats(dir, { verify: true })).problems.map((p) => p.reason)).toEqual([expect.stringMatching(/does not hash/)]);
  });

  it('an entry from before digests is served, counted as unsealed, and sealed on its first read', async () => {
    const dir = tempDir();
    const cache = new DiskCache(dir);
    const e = makeEntry('old');
    await cache.write(e);
    const { digest: _d, ...legacy } = JSON.parse(await readFile(cache.fileFor(e.key), 'utf8'));
    await writeFile(cache.fileFor(e.key), JSON.stringify(legacy));
    expect((await cacheStats(dir)).unsealed).toBe(1);
    const r = await cache.read(e.key);
    expect(r).toMatchObject({ status: 'hit', sealed: false });
    const after = [];
    for await (const f of scanCache(dir)) after.push(f);
    expect(after).toMatchObject([{ type: 'entry', sealed: true }]);
    expect((await cacheStats(dir)).unsealed).toBe(0);
  });
});

describe('a tampered entry through the CLI and real HTTP', () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer({ handler: () => ({ content: 'An honest answer.' }) });
  });
  afterAll(() => server.close());

  it('replay stops naming the corrupt entry; readwrite fetches it again; cache verify lists it', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'litrev-integrity-'));
    const cacheDir = path.join(cwd, 'cache');
    const flags = ['--in', CORPUS, '--base-url', server.url, '--model', 'test-model', '--cache-dir', cacheDir, '--json'];
    const first = await runCli(['ask', 'What is studied?', ...flags], { cwd });
    expect(first.code, first.stderr).toBe(0);
    const chats = () => server.chatRequests().length;
    const sent = chats();
    const files = [];
    for await (const f of scanCache(cacheDir)) if (f.type === 'entry' && f.entry.kind === 'chat') files.push(f.file);
    expect(files).toHaveLength(1);
    const entry = JSON.parse(await readFile(files[0]!, 'utf8'));
    entry.reply.content = 'An injected answer.';
    await writeFile(files[0]!, JSON.stringify(entry));

    const verify = await runCli(['cache', 'verify', '--cache-dir', cacheDir], { cwd });
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`corrupt: ${path.relative(cacheDir, files[0]!)}: stored reply does not match its digest`);

    const replay = await runCli(['ask', 'What is studied?', ...flags, '--cache', 'replay'], { cwd });
    expect(replay.code).toBe(2);
    expect(replay.stderr).toMatch(new RegExp(`corrupt entry .*key ${entry.key.slice(0, 16)}`));
    expect(replay.stdout).not.toContain('injected');
    expect(chats()).toBe(sent);

    const again = await runCli(['ask', 'What is studied?', ...flags], { cwd });
    expect(again.code, again.stderr).toBe(0);
    expect(jsonOf(again).answer).not.toContain('injected');
    expect(chats()).toBe(sent + 1);
    expect((await cacheStats(cacheDir)).corrupt).toBe(0);
  });
});
