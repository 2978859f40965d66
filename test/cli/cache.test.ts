import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { makeEntry } from '../cache/support/entries.js';
import { tempDir } from '../model/support/gateway-config.js';
import { runCli } from '../support/run-cli.js';

async function workspace() {
  const cwd = tempDir();
  const cache = new DiskCache(path.join(cwd, 'cache'));
  const entries = ['one', 'two', 'three'].map((c) => makeEntry(c));
  for (const e of entries) await cache.write(e);
  return { cwd, cache, entries };
}

describe('litrev cache', () => {
  it('stats --json prints entries, bytes and corrupt', async () => {
    const { cwd } = await workspace();
    const r = await runCli(['cache', 'stats', '--json'], { cwd });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ entries: 3, corrupt: 0, bytes: expect.any(Number), byModel: { m: 3 } });
  });

  it('stats in plain text', async () => {
    const { cwd } = await workspace();
    const r = await runCli(['cache', 'stats'], { cwd });
    expect(r.stdout).toMatch(/3 entries/);
  });

  it('verify exits 1 and names the corrupt file', async () => {
    const { cwd, cache, entries } = await workspace();
    writeFileSync(cache.fileFor(entries[1]!.key), '{"torn":');
    const r = await runCli(['cache', 'verify', '--json'], { cwd });
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ entries: 2, corrupt: 1 });
    expect(j.problems[0].file).toContain(entries[1]!.key);
    const plain = await runCli(['cache', 'verify'], { cwd });
    expect(plain.stdout).toMatch(/corrupt: .*not valid JSON/);
  });

  it('prune --corrupt removes the corrupt entry; --cache-dir selects another folder', async () => {
    const { cwd, cache, entries } = await workspace();
    writeFileSync(cache.fileFor(entries[0]!.key), 'garbage');
    const r = await runCli(['cache', 'prune', '--corrupt', '--json'], { cwd });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ removed: 1, removedCorrupt: 1, entries: 2, corrupt: 0 });
    const other = await runCli(['cache', 'stats', '--json', '--cache-dir', path.join(cwd, 'elsewhere')], { cwd });
    expect(JSON.parse(other.stdout).entries).toBe(0);
  });

  it('prune --older-than keeps recent entries', async () => {
    const { cwd } = await workspace();
    const r = await runCli(['cache', 'prune', '--older-than', '30', '--json'], { cwd });
    expect(JSON.parse(r.stdout)).toMatchObject({ removed: 0, entries: 3 });
  });

  it('bad usage exits 2 with a one-line reason', async () => {
    const { cwd } = await workspace();
    expect((await runCli(['cache', 'prune'], { cwd })).code).toBe(2);
    const bad = await runCli(['cache', 'explode'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown action "explode"/);
    expect((await runCli(['cache', 'prune', '--older-than', 'soon'], { cwd })).stderr).toMatch(/number of days/);
  });
});
