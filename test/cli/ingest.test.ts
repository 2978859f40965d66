import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const EXAMPLES = path.resolve(__dirname, '../../examples/corpus');
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempCwd(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'litrev-cli-ingest-'));
  temps.push(dir);
  return dir;
}

describe('litrev ingest', () => {
  it('--json prints exactly one JSON object with the contract fields, and stores the corpus', async () => {
    const cwd = await tempCwd();
    await cp(EXAMPLES, path.join(cwd, 'corpus'), { recursive: true });
    const { code, stdout, stderr } = await runCli(['ingest', 'corpus', '--json'], { cwd });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ records: 427, papers: 411, duplicates: 16, untitled: 10, skipped: [], warnings: [], corpusFile: path.join('.litrev', 'corpus.json') });
    expect(json.files).toHaveLength(5);
    const stored = JSON.parse(await readFile(path.join(cwd, '.litrev', 'corpus.json'), 'utf8'));
    expect(stored.papers).toHaveLength(411);
    expect(stored.hash).toBe(json.corpusHash);
  });

  it('prints a readable summary: per file, format, records, duplicates, skipped with reasons, totals', async () => {
    const cwd = await tempCwd();
    await writeFile(path.join(cwd, 'good.csv'), 'title,abstract\nA Paper,Its abstract.\nA paper!,Its abstract.\n');
    await writeFile(path.join(cwd, 'bad.jsonl'), '{"title": "Fine Line", "abstract": "ok"}\nnot json\n');
    const { code, stdout } = await runCli(['ingest', 'good.csv', 'bad.jsonl', 'missing.ris'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toMatch(/good\.csv\s+csv\s+2 records, 1 duplicate/);
    expect(stdout).toMatch(/bad\.jsonl\s+jsonl\s+1 record, 1 skipped/);
    expect(stdout).toContain('Skipped (2):');
    expect(stdout).toContain('missing.ris: no such file or directory');
    expect(stdout).toContain('bad.jsonl: line 2: not valid JSON');
    expect(stdout).toContain('3 records -> 2 papers (1 duplicate merged)');
    expect(stdout).toContain(`Corpus stored in ${path.join('.litrev', 'corpus.json')}`);
  });

  it('honours --workspace', async () => {
    const cwd = await tempCwd();
    await writeFile(path.join(cwd, 'p.csv'), 'title,abstract\nA Paper,Its abstract.\n');
    const { code, stdout } = await runCli(['ingest', 'p.csv', '--workspace', 'ws', '--json'], { cwd });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).corpusFile).toBe(path.join('ws', 'corpus.json'));
    expect(JSON.parse(await readFile(path.join(cwd, 'ws', 'corpus.json'), 'utf8')).papers).toHaveLength(1);
  });

  it('exits 3 when nothing usable was found; --json still prints one object, the reason goes to stderr', async () => {
    const cwd = await tempCwd();
    await writeFile(path.join(cwd, 'empty.txt'), '');
    const plain = await runCli(['ingest', 'empty.txt', 'nope.bib'], { cwd });
    expect(plain.code).toBe(3);
    expect(plain.stdout).toContain('empty.txt: empty file');
    expect(plain.stderr).toMatch(/^litrev: no usable papers in 2 inputs/);
    expect(plain.stderr).not.toMatch(/\bat .*:\d+:\d+/);
    const json = await runCli(['ingest', 'empty.txt', '--json'], { cwd });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ records: 0, papers: 0, skipped: [{ path: 'empty.txt', reason: 'empty.txt: empty file' }], corpusFile: null });
    expect(json.stderr).toContain('litrev: no usable papers in empty.txt');
  });

  it('keeps citation keys when re-ingesting with more files in another order', async () => {
    const cwd = await tempCwd();
    await writeFile(path.join(cwd, 'a.csv'), 'title,abstract,year\nSparse Attention Methods,First.,2024\n');
    await writeFile(path.join(cwd, 'b.csv'), 'title,abstract,year\nSparse Attention Kernels,Second.,2024\n');
    await runCli(['ingest', 'a.csv'], { cwd });
    const before = JSON.parse(await readFile(path.join(cwd, '.litrev', 'corpus.json'), 'utf8')).papers[0];
    await runCli(['ingest', 'b.csv', 'a.csv'], { cwd });
    const after = JSON.parse(await readFile(path.join(cwd, '.litrev', 'corpus.json'), 'utf8')).papers;
    expect(after).toHaveLength(2);
    expect(after.find((p: { id: string }) => p.id === before.id).key).toBe(before.key);
  });

  it('requires a path', async () => {
    const cwd = await tempCwd();
    const { code, stderr } = await runCli(['ingest'], { cwd });
    expect(code).toBe(2);
    expect(stderr).toContain('missing PATH');
  });
});
