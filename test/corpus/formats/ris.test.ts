import { describe, expect, it } from 'vitest';
import { ingestFixtures, paperTitled } from '../support.js';

describe('RIS', () => {
  it('reads records with wrapped abstracts, authors, dates, DOIs and keywords', async () => {
    const report = await ingestFixtures('export.ris');
    expect(report.files[0]).toMatchObject({ format: 'ris', records: 2 });
    const rag = paperTitled(report, 'Retrieval-Augmented');
    expect(rag.authors).toEqual(['Lewis, Patrick', 'Perez, Ethan']);
    expect(rag.year).toBe(2020);
    expect(rag.date).toBe('2020-12-06');
    expect(rag.abstract).toBe(
      'Large pre-trained language models have been shown to store factual knowledge in their parameters. We explore a general-purpose fine-tuning recipe for retrieval-augmented generation.',
    );
    expect(rag.doi).toBe('10.48550/arXiv.2005.11401');
    expect(rag.arxivId).toBe('2005.11401');
    expect(rag.keywords).toEqual(['retrieval', 'generation']);
    expect(rag.key).toBe('lewis2020retrieval');
    const flash = paperTitled(report, 'FlashAttention');
    expect(flash).toMatchObject({ venue: 'NeurIPS', year: 2022, authors: ['Dao, Tri'], url: 'https://arxiv.org/abs/2205.14135' });
    expect(flash.abstract).toMatch(/^Transformers are slow/);
  });

  it('skips a record without TY, reads one without ER with a warning', async () => {
    const report = await ingestFixtures('bad.ris');
    expect(report.papers.map((p) => p.title).sort()).toEqual(['A record without its end tag', 'The last record is complete']);
    expect(report.skipped.map((s) => s.reason)).toEqual(['bad.ris: line 1: RIS record without a TY line']);
    expect(report.warnings).toEqual(['bad.ris: line 5: RIS record has no ER line (ends at line 8)']);
  });
});
