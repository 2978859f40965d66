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

  it('merges a preprint with its published version: an arXiv DOI is not a publisher DOI; arXiv ids match without a version', async () => {
    const dir = await tempFiles({
      'preprint.json': JSON.stringify([{ title: 'Sparse Attention at Scale', abstract: 'Preprint.', doi: '10.48550/arXiv.2402.00002' }]),
      'published.json': JSON.stringify([{ title: 'Sparse attention at scale', abstract: 'Published.', doi: '10.1145/3600000' }]),
      'listed.json': JSON.stringify([
        { title: 'Listed Without Version', abstract: 'One.', arxiv: '2403.00003' },
        { title: 'Listed With Version Twelve', abstract: 'Two.', arxiv: 'arXiv:2403.00003v12' },
      ]),
    });
    const report = await ingestPaths([dir]);
    expect(report.papers.map((p) => p.sources.length).sort()).toEqual([2, 2]);
  });

  it('joins records through a chain: one shares a DOI with a second, which shares a title with a third', async () => {
    const dir = await tempFiles({
      'chain.json': JSON.stringify([
        { title: 'Alpha Preprint Name', abstract: 'First.', doi: '10.1000/chain', authors: ['Roe, A'], year: 2024, venue: 'V', keywords: ['k'] },
        { title: 'Beta Published Name', abstract: 'Second.', authors: ['Roe, A'], year: 2024, venue: 'V', url: 'https://example.org/b' },
        { title: 'Beta Published Name', abstract: 'Third.', doi: '10.1000/CHAIN' },
      ]),
    });
    const report = await ingestPaths([dir]);
    expect(report.papers).toHaveLength(1);
    expect(report.papers[0]!.sources).toHaveLength(3);
  });

  it('a record without a DOI joins one of two same-titled papers with different DOIs; that paper keeps its DOI', async () => {
    const dir = await tempFiles({
      'same.json': JSON.stringify([
        // The richest record has no DOI: the group it heads takes the DOI of the first record that joins it, so the
        // last record (shortest abstract, visited last) joins through that DOI.
        { title: 'Attention Is Enough', abstract: 'Rich.', authors: ['Roe, A'], year: 2024, venue: 'V', keywords: ['k'], url: 'https://example.org/a' },
        { title: 'Attention Is Enough', abstract: 'One.', doi: '10.1000/one' },
        { title: 'Attention Is Enough', abstract: 'Two.', doi: '10.2000/two' },
        { title: 'Another Title Of The First', abstract: 'D.', doi: '10.1000/ONE' },
      ]),
    });
    const report = await ingestPaths([dir]);
    const groups = report.papers.map((p) => p.sources.map((s) => s.index).sort()).sort((a, b) => a.length - b.length);
    expect(groups).toEqual([[2], [0, 1, 3]]);
  });

  it('the record a paper is taken from: the richest, then CSV over JSON, then the longer abstract, then the first file and position', async () => {
    const t = 'Choosing The Record';
    const dir = await tempFiles({
      // z.csv sorts after b.json by name: only the format preference puts it first.
      'z.csv': `title,abstract\n${t},Same length Z.\n`,
      'b.json': JSON.stringify([{ title: t, abstract: 'Same length B.' }]),
      'c.json': JSON.stringify([{ title: t, abstract: 'Same length C.' }]),
      'd.json': JSON.stringify([{ title: t, abstract: 'Short D.' }, { title: t, abstract: 'A longer abstract D.' }, { title: t, abstract: 'A longer abstract E.' }]),
    });
    const first = async (files: string[]) => {
      const [p] = (await ingestPaths(files, { cwd: dir })).papers;
      return `${p!.sources[0]!.path}#${p!.sources[0]!.index}`;
    };
    for (const files of [['z.csv', 'b.json'], ['b.json', 'z.csv']]) expect(await first(files)).toBe('z.csv#0');
    for (const files of [['b.json', 'c.json'], ['c.json', 'b.json']]) expect(await first(files)).toBe('b.json#0');
    expect(await first(['d.json'])).toBe('d.json#1');
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
