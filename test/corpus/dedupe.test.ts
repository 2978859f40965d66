import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { tempFiles } from './support.js';

const ABSTRACT = 'We propose a cache-eviction policy for transformer inference that keeps the most attended tokens and drops the rest, halving memory use.';

describe('deduplication across files', () => {
  it('merges the same title with different casing, punctuation and braces; the richest record wins', async () => {
    const dir = await tempFiles({
      'a.bib': `@article{smith2024heavy,\n  title = {{H}eavy {H}itters: Keeping the {KV} Cache Small},\n  author = {Smith, Ann and Lee, Bo},\n  year = 2024,\n  doi = {10.1000/hh.1},\n}\n`,
      'b.csv': `title,abstract\nheavy hitters -- keeping the kv cache small.,"${ABSTRACT}"\n`,
      'c.jsonl': `${JSON.stringify({ title: 'HEAVY HITTERS: KEEPING THE KV CACHE SMALL', abstract: ABSTRACT, keywords: ['kv cache'] })}\n`,
    });
    const report = await ingestPaths([dir]);
    expect(report.records).toBe(3);
    expect(report.papers).toHaveLength(1);
    expect(report.duplicates).toBe(2);
    const [p] = report.papers;
    expect(p).toMatchObject({ key: 'smith2024heavy', title: 'Heavy Hitters: Keeping the KV Cache Small', abstract: ABSTRACT, doi: '10.1000/hh.1', keywords: ['kv cache'] });
    expect(p!.bibtex).toMatch(/^@article\{smith2024heavy,/);
    expect(p!.sources.map((s) => s.format)).toEqual(['bibtex', 'jsonl', 'csv']);
    expect(report.files.map((f) => [f.path.slice(-5), f.duplicates])).toEqual([['a.bib', 0], ['b.csv', 1], ['jsonl', 1]]);
  });

  it('merges records with an identical abstract (after normalisation), titled or not', async () => {
    const dir = await tempFiles({
      'titled.txt': `Title: Eviction for Everyone\nAbstract: ${ABSTRACT}\n`,
      'untitled.json': JSON.stringify([{ abstract: `  ${ABSTRACT.replace(/ /g, '  ')}  ` }]),
    });
    const report = await ingestPaths([dir]);
    expect(report.papers).toHaveLength(1);
    expect(report.papers[0]).toMatchObject({ title: 'Eviction for Everyone', titleDerived: false });
  });

  it('merges by DOI and by arXiv id (any version)', async () => {
    const dir = await tempFiles({
      'a.json': JSON.stringify([{ title: 'Preprint Title', abstract: 'Short.', arxiv_id: '2401.00001v1', doi: 'https://doi.org/10.1000/ABC' }]),
      'b.json': JSON.stringify([{ title: 'Published Title', abstract: 'Other.', doi: '10.1000/abc' }]),
      'c.json': JSON.stringify([{ title: 'Third Name', abstract: 'Third.', arxiv: 'arXiv:2401.00001v3' }]),
    });
    const report = await ingestPaths([dir]);
    expect(report.papers).toHaveLength(1);
    expect(report.papers[0]!.sources).toHaveLength(3);
  });

  it('keeps different papers apart: same generic title, or same title with different publisher DOIs', async () => {
    const dir = await tempFiles({
      'a.json': JSON.stringify([
        { title: 'Introduction', abstract: 'The first volume opens with an overview of the field and its open problems.' },
        { title: 'Introduction', abstract: 'A different book starts with a history of the methods it later compares.' },
        { title: 'Deep Learning', abstract: 'A review.', doi: '10.1038/nature14539' },
        { title: 'Deep Learning', abstract: 'A textbook.', doi: '10.5555/3086952' },
      ]),
    });
    const report = await ingestPaths([dir]);
    expect(report.papers).toHaveLength(4);
    expect(new Set(report.papers.map((p) => p.id)).size).toBe(4);
    expect(new Set(report.papers.map((p) => p.key)).size).toBe(4);
  });

  it('does not depend on the order of the inputs', async () => {
    const dir = await tempFiles({
      'one.csv': `title,abstract,year\nAlpha Paper About Caching,"${ABSTRACT}",2020\nBeta Paper About Pruning,Pruning removes weights.,2021\n`,
      'two.jsonl': `${JSON.stringify({ title: 'alpha paper about caching', abstract: ABSTRACT, authors: ['Zed, A'] })}\n${JSON.stringify({ title: 'Gamma Paper', abstract: 'Gamma.' })}\n`,
    });
    const ab = await ingestPaths(['one.csv', 'two.jsonl'], { cwd: dir });
    const ba = await ingestPaths(['two.jsonl', 'one.csv'], { cwd: dir });
    expect(ba.papers).toEqual(ab.papers);
  });
});
