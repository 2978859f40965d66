import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFiles } from '../corpus/support.js';
import { runCli } from '../support/run-cli.js';

const BIB = [
  '@article{used2020, title={Sparse attention for long documents}, author={Ada Lovelace}, year={2020},',
  '  abstract={We cut the memory of attention by 40 percent on long documents with a sparse pattern.}}',
  '@article{unused2021, title={Quantised caches for decoding}, author={Alan Turing}, year={2021},',
  '  abstract={Quantising the key-value cache to 4 bits keeps 99 percent of the accuracy.}}',
  '',
].join('\n');

/** A thesis folder: the user's own references.bib (the input) and review.md. */
async function thesisFolder(): Promise<string> {
  return tempFiles({ 'references.bib': BIB, 'review.md': '# My own review\n\nWritten by hand.\n' });
}

function review(dir: string, ...extra: string[]) {
  return runCli(['review', 'references.bib', '--offline', '--plain', '--workspace', 'ws', '--cache-dir', 'c', ...extra], { cwd: dir });
}

describe('--out never overwrites the user files', () => {
  it('refuses a folder that holds other files (exit 2), touching nothing', async () => {
    const dir = await thesisFolder();
    const result = await review(dir, '--out', '.');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--out .*is not empty and is not a litrev run/);
    expect(await readFile(path.join(dir, 'references.bib'), 'utf8')).toBe(BIB);
    expect(await readFile(path.join(dir, 'review.md'), 'utf8')).toContain('Written by hand');
  });

  it('never writes over an input file, even with --force', async () => {
    const dir = await thesisFolder();
    const result = await review(dir, '--out', '.', '--force');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/references\.bib.* is an input/);
    expect(await readFile(path.join(dir, 'references.bib'), 'utf8')).toBe(BIB);
  });

  it('writes into a new folder, and again into that run folder (a re-run resumes there)', async () => {
    const dir = await thesisFolder();
    expect((await review(dir, '--out', 'run1')).code).toBe(0);
    expect(await readdir(path.join(dir, 'run1'))).toContain('run.json');
    expect((await review(dir, '--out', 'run1')).code).toBe(0);
    expect(await readFile(path.join(dir, 'references.bib'), 'utf8')).toBe(BIB);
  });

  it('accepts a folder a killed run left (its start marker, no run.json yet)', async () => {
    const dir = await thesisFolder();
    await mkdir(path.join(dir, 'killed'));
    await writeFile(path.join(dir, 'killed', '.litrev-run'), '{"runId":"x"}\n');
    await writeFile(path.join(dir, 'killed', 'batches.json'), '{}\n');
    expect((await review(dir, '--out', 'killed')).code).toBe(0);
  });

  it('a taxonomy read from the run folder it would overwrite is refused', async () => {
    const dir = await thesisFolder();
    expect((await review(dir, '--out', 'run1')).code).toBe(0);
    const result = await review(dir, '--out', 'run1', '--taxonomy', 'run1/taxonomy.json');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/taxonomy\.json.* is an input/);
  });
});

describe('eval --out never replaces what it reads', () => {
  it('refuses the gold file and a run folder as its report', async () => {
    const { RUN_PAPERS, writeRunFolder } = await import('../eval/fixture.js');
    const dir = await tempFiles({ 'gold.jsonl': '{"key":"ann2024a","contributionType":"method"}\n' });
    await writeRunFolder(path.join(dir, 'runs', 'first'), 'first', RUN_PAPERS);
    const gold = await readFile(path.join(dir, 'gold.jsonl'), 'utf8');
    const r = await runCli(['eval', 'first', '--gold', 'gold.jsonl', '--out', 'gold.jsonl'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(await readFile(path.join(dir, 'gold.jsonl'), 'utf8')).toBe(gold);
    expect((await runCli(['eval', 'first', '--gold', 'gold.jsonl', '--out', 'runs/first/review.md'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['eval', 'first', '--gold', 'gold.jsonl', '--out', 'report.md'], { cwd: dir })).code).toBe(0);
  });
});
