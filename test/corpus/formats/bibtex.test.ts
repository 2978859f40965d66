import { describe, expect, it } from 'vitest';
import { readBibtex } from '../../../src/corpus/formats/bibtex.js';
import { ingestFixtures, paperTitled } from '../support.js';

describe('BibTeX', () => {
  it('reads entries with @string macros, skips @comment, keeps user keys and entry text', async () => {
    const report = await ingestFixtures('refs.bib');
    expect(report.files[0]).toMatchObject({ format: 'bibtex', records: 3 });
    expect(report.papers.map((p) => p.key).sort()).toEqual(['muller2021naive', 'untitled2020', 'vaswani2017attention']);
    const attention = paperTitled(report, 'Attention Is All');
    expect(attention.title).toBe('Attention Is All You Need');
    expect(attention.venue).toBe('Advances in Neural Information Processing Systems 30');
    expect(attention.authors).toEqual(['Vaswani, Ashish', 'Shazeer, Noam', 'Parmar, Niki']);
    expect(attention.year).toBe(2017);
    expect(attention.doi).toBe('10.5555/3295222.3295349');
    expect(attention.abstract).toContain('We propose the Transformer, based solely on attention mechanisms – dispensing');
    expect(attention.bibtex).toMatch(/^@inproceedings\{vaswani2017attention,[\s\S]*\}$/);
    expect(report.papers.some((p) => p.title.includes('Not a real entry'))).toBe(false);
  });

  it('decodes LaTeX accents, braces and math', async () => {
    const report = await ingestFixtures('refs.bib');
    const naive = paperTitled(report, 'Approach');
    expect(naive.title).toBe('A Naïve Approach to Öptimal α-Caching');
    expect(naive.authors).toEqual(['Müller, Jörg', 'García, José']);
    expect(naive.abstract).toContain('50% more with O(n²) time & memory, using “quoted” ideas');
    expect(naive.keywords).toEqual(['caching', 'memory']);
  });

  it('derives a title for an entry that has only an abstract, and keeps its key', async () => {
    const report = await ingestFixtures('refs.bib');
    const untitled = report.papers.find((p) => p.key === 'untitled2020')!;
    expect(untitled.titleDerived).toBe(true);
    expect(untitled.title).toBe('Sparse attention reduces memory use in long-context inference');
  });

  it('skips an entry with unbalanced braces (naming its line and key) and one with neither title nor abstract', async () => {
    const report = await ingestFixtures('broken.bib');
    expect(report.papers.map((p) => p.key)).toEqual(['good2019']);
    expect(report.skipped.map((s) => s.reason)).toEqual([
      'broken.bib: line 7: entry "bad2020" skipped: unbalanced braces',
      'broken.bib: line 12 (entry "empty2021"): record has neither title nor abstract',
    ]);
  });

  it('reports a file of macros only', async () => {
    const r = await readBibtex('@string{x = "y"}\n@comment{nothing}\n', 'macros.bib');
    expect(r.records).toEqual([]);
    expect(r.issues[0]).toMatchObject({ level: 'warning', reason: 'no BibTeX entries (only @string / @comment / @preamble)' });
  });
});
