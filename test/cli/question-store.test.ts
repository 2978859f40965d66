import { readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpusHead } from '../../src/corpus/store.js';
import { jsonOf, runCli } from '../support/run-cli.js';
import { expectOneUnitPerStage } from '../support/plain-units.js';
import { smallDisk } from '../support/small-disk.js';
import { spawnCli } from '../support/spawn-cli.js';

const EXAMPLES = path.resolve(__dirname, '../../examples/corpus');


/** Every file of the question store: its name, inode and modification time (a rebuild writes new files). */
async function storeFiles(cwd: string): Promise<Map<string, string>> {
  const dir = path.join(cwd, '.litrev', 'qa-index');
  const out = new Map<string, string>();
  for (const name of (await readdir(dir)).sort()) {
    const s = await stat(path.join(dir, name), { bigint: true });
    out.set(name, `${s.ino}:${s.mtimeNs}`);
  }
  return out;
}

describe('the question store is built by ingest and review, so the first ask does not build it', () => {
  const temps: string[] = [];
  let corpus: string;
  const fresh = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'litrev-qa-store-'));
    temps.push(dir);
    return dir;
  };
  beforeAll(async () => {
    // One file of the example corpus: the offline engine reviews its papers in a moment.
    corpus = await fresh();
    const first = (await readdir(EXAMPLES)).sort()[0]!;
    await copyFile(path.join(EXAMPLES, first), path.join(corpus, first));
  });
  afterAll(async () => {
    for (const dir of temps) await rm(dir, { recursive: true, force: true });
  });

  it('review writes the store ask opens: ask answers with the review annotations and rewrites no file of it', async () => {
    const cwd = await fresh();
    const review = await runCli(['review', corpus, '--json'], { cwd });
    expect(review.code, review.stderr).toBe(0);
    const summary = jsonOf(review);
    expect(summary.warnings).toEqual([]);
    const head = (await readCorpusHead(path.join(cwd, '.litrev')))!;
    const before = await storeFiles(cwd);
    const stem = `${head.hash.slice(0, 16)}-v`;
    expect([...before.keys()].map((n) => n.replace(/^[0-9a-f]{16}-v\d+/, 'STEM'))).toEqual([
      'STEM.figures.jsonl',
      'STEM.figures.offsets.bin',
      'STEM.meta.json',
      'STEM.papers.jsonl',
      'STEM.papers.offsets.bin',
      'STEM.postings.bin',
      'STEM.terms.json',
    ]);
    expect([...before.keys()].every((n) => n.startsWith(stem))).toBe(true);
    const meta = JSON.parse(await readFile(path.join(cwd, '.litrev', 'qa-index', [...before.keys()].find((n) => n.endsWith('.meta.json'))!), 'utf8'));
    expect(meta).toMatchObject({ hash: head.hash, size: head.count });
    expect(summary.papers).toBe(head.count);

    const ask = await runCli(['ask', 'Which papers evaluate on LongBench?', '--offline', '--json'], { cwd });
    expect(ask.code, ask.stderr).toBe(0);
    expect(jsonOf(ask).annotationsFrom).toBe(summary.runId);
    expect(await storeFiles(cwd)).toEqual(before);

    // Byte for byte the store a first question builds from corpus.json when there is none.
    const lazy = await fresh();
    await mkdir(path.join(lazy, '.litrev'));
    await copyFile(path.join(cwd, '.litrev', 'corpus.json'), path.join(lazy, '.litrev', 'corpus.json'));
    expect((await runCli(['ask', 'Which papers evaluate on LongBench?', '--offline', '--json'], { cwd: lazy })).code).toBe(0);
    expect([...(await storeFiles(lazy)).keys()]).toEqual([...before.keys()]);
    for (const name of before.keys()) {
      expect(await readFile(path.join(lazy, '.litrev', 'qa-index', name)), name).toEqual(await readFile(path.join(cwd, '.litrev', 'qa-index', name)));
    }
  });

  it('ingest writes it, and a review after it keeps it (stage index, counted in papers)', async () => {
    const cwd = await fresh();
    const ingest = await runCli(['ingest', corpus, '--json'], { cwd });
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(jsonOf(ingest).warnings).toEqual([]);
    const before = await storeFiles(cwd);
    expect(before.size).toBe(7);
    const review = await runCli(['review', '--plain', '--out', 'run'], { cwd });
    expect(review.code, review.stderr).toBe(0);
    expectOneUnitPerStage(review.stderr, ['classify', 'index']);
    const { count } = (await readCorpusHead(path.join(cwd, '.litrev')))!;
    expect(review.stderr).toContain(`[index] finished: ${count}/${count} papers`);
    expect(await storeFiles(cwd)).toEqual(before);
    const ask = await runCli(['ask', 'How many papers are about quantisation?', '--offline', '--json'], { cwd });
    expect(ask.code, ask.stderr).toBe(0);
    expect(await storeFiles(cwd)).toEqual(before);
  });

  it('corpus remove writes the store of the corpus left', async () => {
    const cwd = await fresh();
    const second = await fresh();
    const name = (await readdir(EXAMPLES)).sort()[1]!;
    await copyFile(path.join(EXAMPLES, name), path.join(second, name));
    expect((await runCli(['ingest', corpus, second], { cwd })).code).toBe(0);
    const removed = await runCli(['corpus', 'remove', second], { cwd });
    expect(removed.code, removed.stderr).toBe(0);
    const head = (await readCorpusHead(path.join(cwd, '.litrev')))!;
    const files = [...(await storeFiles(cwd)).keys()];
    expect(files).toHaveLength(7);
    expect(files.every((n) => n.startsWith(head.hash.slice(0, 16)))).toBe(true);
  });

  it('a store folder that cannot be written is one warning naming it; the review and ask still succeed', async () => {
    const cwd = await fresh();
    // A file where the folder should be: no store can be written there, whoever runs the test.
    await mkdir(path.join(cwd, '.litrev'));
    await writeFile(path.join(cwd, '.litrev', 'qa-index'), '');
    const review = await runCli(['review', corpus, '--plain', '--out', 'run'], { cwd });
    expect(review.code, review.stderr).toBe(0);
    const warnings = review.stderr.split('\n').filter((l) => l.includes('question store'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`warning: the question store was not written to ${path.join(cwd, '.litrev', 'qa-index')} (`);
    expect(review.stderr).toContain('[index] finished');
    const json = await runCli(['review', '--json', '--out', 'run-2'], { cwd });
    expect(json.code, json.stderr).toBe(0);
    expect(jsonOf(json).warnings).toEqual([expect.stringContaining('the question store was not written to')]);
    const ask = await runCli(['ask', 'Which papers evaluate on LongBench?', '--offline', '--json'], { cwd });
    expect(ask.code, ask.stderr).toBe(0);
    expect(jsonOf(ask).engine).toBe('offline');
  });

  it('a disk with room for the corpus but not its store: ingest stores the corpus, warns once, exit 0, and leaves no partial store', async () => {
    // The sizes of the corpus and of its store, from an ingest where there is room.
    const roomy = await fresh();
    expect((await runCli(['ingest', corpus], { cwd: roomy })).code).toBe(0);
    const size = async (...parts: string[]) => (await stat(path.join(roomy, '.litrev', ...parts))).size;
    const stored = (await size('corpus.json')) + (await size('keys.json'));
    const store = (await Promise.all((await readdir(path.join(roomy, '.litrev', 'qa-index'))).map((n) => size('qa-index', n)))).reduce((a, b) => a + b, 0);
    const bytes = Math.ceil(stored / 4096) * 4096 + 8192;
    expect(bytes).toBeLessThan(stored + store);
    const disk = smallDisk(bytes);
    try {
      const cwd = await fresh();
      const workspace = path.join(disk.dir, 'ws');
      const r = await spawnCli(['ingest', corpus, '--workspace', workspace], cwd, disk.env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Corpus stored');
      const warnings = r.stderr.split('\n').filter((l) => l.includes('question store'));
      expect(warnings).toEqual([`litrev: warning: the question store was not written to ${path.join(workspace, 'qa-index')} (no space left on the device): the first question will build it`]);
      expect(readdirSync(path.join(workspace, 'qa-index'))).toEqual([]);
      // The first question tries again, cannot write either, and answers from the papers in memory.
      const ask = await spawnCli(['ask', 'Which papers evaluate on LongBench?', '--offline', '--json', '--workspace', workspace], cwd, disk.env);
      expect(ask.code, ask.stderr).toBe(0);
      expect(JSON.parse(ask.stdout).engine).toBe('offline');
      expect(readdirSync(path.join(workspace, 'qa-index'))).toEqual([]);
    } finally {
      disk.release();
    }
  });

  it('--dry-run writes no store', async () => {
    const cwd = await fresh();
    const r = await runCli(['review', corpus, '--dry-run'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    await expect(readdir(path.join(cwd, '.litrev', 'qa-index'))).rejects.toThrow();
  });
});
