import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { smallDisk, type SmallDisk } from '../support/small-disk.js';
import { spawnCli } from '../support/spawn-cli.js';

/**
 * A full disk while litrev writes: the command stops with a non-zero exit and a line naming the file,
 * and the previous file is left intact (the corpus store, a run's files, cache entries). On a real
 * small tmpfs where the machine allows mounting one, else through a write quota injected at the
 * file-system layer of the spawned process.
 */

function corpus(n: number, seed: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'litrev-full-in-'));
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      title: `${seed} study ${i} of sparse retrieval for domain ${i % 7}`,
      abstract: `We evaluate method ${seed}${i} on benchmark ${i % 5}. It improves recall by ${(i % 40) + 3}.${i % 10}% over the baseline. `.repeat(4),
      authors: [`Author${i % 11}, A.`],
      year: 2020 + (i % 5),
    }),
  );
  const file = path.join(dir, 'papers.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}


const noTempFiles = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));

let disk: SmallDisk | undefined;
afterEach(() => {
  disk?.release();
  disk = undefined;
});

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ handler: fakeReviewer() });
});
afterAll(() => server.close());

describe('a full disk', () => {
  it('ingest fails naming the file and keeps the stored corpus', async () => {
    disk = smallDisk(4 << 20);
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-full-cwd-'));
    const workspace = path.join(disk.dir, 'ws');
    const first = await spawnCli(['ingest', corpus(12, 'alpha'), '--workspace', workspace], cwd, disk.env);
    expect(first.code, first.stderr).toBe(0);
    const before = readFileSync(path.join(workspace, 'corpus.json'), 'utf8');
    disk.fill();
    const second = await spawnCli(['ingest', corpus(40, 'beta'), '--workspace', workspace], cwd, disk.env);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(/^litrev: no space left on .+ while writing .+(corpus|keys)\.json$/m);
    expect(second.stdout).not.toContain('Corpus stored');
    expect(readFileSync(path.join(workspace, 'corpus.json'), 'utf8')).toBe(before);
    expect(noTempFiles(workspace)).toEqual([]);
  });

  it('review fails naming the file and keeps the previous run files', async () => {
    disk = smallDisk(4 << 20);
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-full-cwd-'));
    const out = path.join(disk.dir, 'run');
    const input = corpus(12, 'gamma');
    const first = await spawnCli(['review', input, '--out', out, '--offline', '--plain'], cwd, disk.env);
    expect(first.code, first.stderr).toBe(0);
    const manifest = readFileSync(path.join(out, 'run.json'), 'utf8');
    const review = readFileSync(path.join(out, 'review.md'), 'utf8');
    disk.fill();
    const second = await spawnCli(['review', corpus(20, 'delta'), '--out', out, '--offline', '--plain'], cwd, disk.env);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(/^litrev: no space left on .+ while writing .+$/m);
    expect(readFileSync(path.join(out, 'run.json'), 'utf8')).toBe(manifest);
    expect(readFileSync(path.join(out, 'review.md'), 'utf8')).toBe(review);
    expect(noTempFiles(out)).toEqual([]);
  });

  it('a model review with the cache on a full disk fails instead of reporting success', async () => {
    disk = smallDisk(1 << 20);
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-full-cwd-'));
    const cacheDir = path.join(disk.dir, 'cache');
    disk.fill();
    const args = ['review', corpus(6, 'eps'), '--base-url', server.url, '--model', 'test-model', '--cache-dir', cacheDir, '--out', path.join(cwd, 'run'), '--plain'];
    const res = await spawnCli(args, cwd, disk.env);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/no space left on .+ while writing .+\.json/);
    expect(noTempFiles(disk.dir)).toEqual([]);
  });
});
