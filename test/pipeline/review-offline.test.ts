import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { citedKeys } from '../../src/verify/citation-keys.js';
import { jsonOf, runCli } from '../support/run-cli.js';

const CORPUS = path.resolve(__dirname, '../../examples/corpus');

function readJsonl(file: string): any[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

describe('litrev review (offline engine) on the example corpus', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-review-offline-'));
  let first: any;
  // The tests below start from this one run (the stored corpus, out1), never from each other.
  let firstRun: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    firstRun = await runCli(['review', CORPUS, '--json', '--out', 'out1'], { cwd });
  });

  it('writes every output file with all 411 papers annotated and a clean verification', async () => {
    const r = firstRun;
    expect(r.code, r.stderr).toBe(0);
    first = jsonOf(r);
    expect(first).toMatchObject({ engine: 'offline', papers: 411, annotated: 411, failed: 0, calls: 0 });
    const out = path.join(cwd, 'out1');
    for (const f of ['review.md', 'papers.jsonl', 'papers.csv', 'taxonomy.json', 'references.bib', 'verification.json', 'run.json']) {
      expect(readdirSync(out)).toContain(f);
    }
    expect(readdirSync(out).some((f) => f.endsWith('.svg'))).toBe(true);

    const papers = readJsonl(path.join(out, 'papers.jsonl'));
    expect(papers).toHaveLength(411);
    expect(papers.every((p) => p.status === 'ok' && p.category)).toBe(true);

    const taxonomy = JSON.parse(readFileSync(path.join(out, 'taxonomy.json'), 'utf8'));
    const cats = taxonomy.categories as { paperIds: string[] }[];
    expect(cats.length).toBeGreaterThanOrEqual(5);
    expect(cats.length).toBeLessThanOrEqual(12);
    expect(cats.every((c) => c.paperIds.length > 0)).toBe(true);
    expect(cats.reduce((n, c) => n + c.paperIds.length, 0)).toBe(411);

    const verification = JSON.parse(readFileSync(path.join(out, 'verification.json'), 'utf8'));
    expect(verification.summary.danglingRemoved).toBe(0);
    expect(verification.summary.quotesNotVerbatim).toBe(0);
    expect(verification.summary.numbersUnsupported).toBe(0);
    expect(verification.summary.citations).toBeGreaterThan(0);

    const review = readFileSync(path.join(out, 'review.md'), 'utf8');
    expect(review).toMatch(/offline/i);
    expect(review).toContain('```mermaid');
    expect(review).toMatch(/## Verification\n\nChecked without a model: 1,031 citations/);
    expect(review).toContain('(0 not found)');
    const bib = readFileSync(path.join(out, 'references.bib'), 'utf8');
    const defined = new Set([...bib.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]));
    const cited = new Set(citedKeys(review));
    expect(cited.size).toBeGreaterThan(20);
    for (const key of cited) expect(defined.has(key), key).toBe(true);
    expect(defined.size).toBe(cited.size);

    const manifest = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'));
    expect(manifest).toMatchObject({ engine: 'offline', counts: { papers: 411, annotated: 411, failed: 0 } });
    expect(Object.keys(manifest.prompts).length).toBeGreaterThan(0);
  });

  it('is deterministic: a second run writes a byte-identical review.md', async () => {
    const r = await runCli(['review', '--json', '--out', 'out2'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['review.md', 'papers.jsonl', 'taxonomy.json', 'references.bib']) {
      expect(readFileSync(path.join(cwd, 'out2', f), 'utf8'), f).toBe(readFileSync(path.join(cwd, 'out1', f), 'utf8'));
    }
  });

  it('--topic offline ranks papers by the topic, sets none aside, and marks those it cannot judge', async () => {
    const r = await runCli(['review', '--json', '--out', 'topic', '--topic', 'KV cache compression'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const papers = readJsonl(path.join(cwd, 'topic', 'papers.jsonl'));
    expect(papers.filter((p) => p.status === 'excluded')).toEqual([]);
    const judged = papers.filter((p) => p.relevance.judged === true);
    const notJudged = papers.filter((p) => p.relevance.judged === false);
    expect(judged.length).toBeGreaterThan(10);
    expect(notJudged.length).toBeGreaterThan(100);
    expect(notJudged.every((p) => p.relevance.reason.startsWith('not judged offline'))).toBe(true);
    expect(papers.every((p) => p.relevance && typeof p.relevance.reason === 'string' && Number.isInteger(p.relevance.rank))).toBe(true);
    expect(JSON.parse(r.stdout).screening).toEqual({ judged: judged.length, excluded: 0, notJudged: notJudged.length });
    const review = readFileSync(path.join(cwd, 'topic', 'review.md'), 'utf8');
    expect(review).toContain('KV cache compression');
  });

  it('--taxonomy applies an edited taxonomy file', async () => {
    const tax = JSON.parse(readFileSync(path.join(cwd, 'out1', 'taxonomy.json'), 'utf8'));
    tax.categories = tax.categories.slice(0, 3).map((c: any, i: number) => ({ ...c, name: `Edited ${i + 1}` }));
    const file = path.join(cwd, 'edited.json');
    writeFileSync(file, JSON.stringify(tax));
    const r = await runCli(['review', '--json', '--out', 'edited', '--taxonomy', file], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const applied = JSON.parse(readFileSync(path.join(cwd, 'edited', 'taxonomy.json'), 'utf8'));
    expect(applied.categories.map((c: any) => c.name).sort()).toEqual(['Edited 1', 'Edited 2', 'Edited 3'].slice(0, applied.categories.length));
    expect(applied.categories.reduce((n: number, c: any) => n + c.paperIds.length, 0)).toBe(411);
  });

  it('exits 3 with a one-line reason when there is no input', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'litrev-review-empty-'));
    const r = await runCli(['review', '--json'], { cwd: empty });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')[0]).toMatch(/^litrev: /);
  });
});
