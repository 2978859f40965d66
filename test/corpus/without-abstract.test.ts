import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDir } from './support.js';

const BIB = `@article{withabs,
  title = {Paged Attention for Serving},
  author = {Kwon, Woosuk},
  year = {2023},
  abstract = {We page the key-value cache of a language model server and raise throughput by 2x over the baseline system.}
}
@article{noabs,
  title = {Continuous Batching Without Abstract},
  author = {Yu, Gyeong},
  year = {2022}
}
`;

describe('papers without abstracts', () => {
  it('are named in an ingest warning, reviewed from the title and flagged, or left out with --require-abstract', async () => {
    const cwd = await tempDir();
    await writeFile(path.join(cwd, 'refs.bib'), BIB);
    await writeFile(path.join(cwd, 's2.json'), JSON.stringify([{ title: 'Semantic Scholar Record With Null Abstract', abstract: null, year: 2021 }]));
    const ingest = await runCli(['ingest', 'refs.bib', 's2.json', '--json'], { cwd });
    const json = JSON.parse(ingest.stdout);
    expect(json.papers).toBe(3);
    expect(json.withoutAbstract).toBe(2);
    const warning = json.warnings.find((w: string) => w.includes('no abstract'));
    expect(warning).toMatch(/^2 papers have no abstract/);
    expect(warning).toContain('"Continuous Batching Without Abstract" (refs.bib)');
    expect(warning).toContain('"Semantic Scholar Record With Null Abstract" (s2.json)');

    const review = await runCli(['review', '--offline', '--out', 'out', '--json'], { cwd });
    expect(review.code).toBe(0);
    expect(JSON.parse(review.stdout)).toMatchObject({ papers: 3, withoutAbstract: 2 });
    const rows = (await readFile(path.join(cwd, 'out', 'papers.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.filter((r) => r.titleOnly).map((r) => r.key)).toHaveLength(2);
    expect(rows.find((r) => r.key === 'noabs').titleOnly).toBe(true);
    expect(rows.find((r) => r.key === 'withabs').titleOnly).toBe(false);
    const csv = await readFile(path.join(cwd, 'out', 'papers.csv'), 'utf8');
    expect(csv).toContain('title_only');
    expect(csv).toMatch(/noabs,Continuous Batching Without Abstract,,yes,/);
    const md = await readFile(path.join(cwd, 'out', 'review.md'), 'utf8');
    expect(md).toContain('2 of the 3 papers have no abstract and were reviewed from their titles only');
    expect(JSON.parse(await readFile(path.join(cwd, 'out', 'run.json'), 'utf8')).counts.withoutAbstract).toBe(2);

    const strict = await runCli(['review', 'refs.bib', '--require-abstract', '--offline', '--out', 'strict', '--json'], { cwd });
    expect(JSON.parse(strict.stdout)).toMatchObject({ papers: 1, withoutAbstract: 0 });
    const strictMd = await readFile(path.join(cwd, 'strict', 'review.md'), 'utf8');
    expect(strictMd).toContain('This review covers 1 paper,');
  });

  it('does not ingest a text that is not a paper record', async () => {
    const cwd = await tempDir();
    await writeFile(path.join(cwd, 'notes.txt'), 'just some notes\n');
    const { code, stderr } = await runCli(['ingest', 'notes.txt'], { cwd });
    expect(code).toBe(3);
    expect(stderr).toContain('not a paper record');
  });
});
