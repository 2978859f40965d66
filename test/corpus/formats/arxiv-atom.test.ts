import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../src/corpus/ingest.js';
import { ingestFixtures, paperTitled, tempFiles } from '../support.js';

describe('arXiv Atom feeds', () => {
  it('reads entries: title and summary whitespace, authors, dates, ids, categories, entities', async () => {
    const report = await ingestFixtures('feed.atom');
    expect(report.files[0]).toMatchObject({ format: 'arxiv', records: 2 });
    const attention = paperTitled(report, 'Attention');
    expect(attention.title).toBe('Attention Is All You Need');
    expect(attention.abstract).toBe(
      'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks in an encoder-decoder configuration. We propose a new simple network architecture, the Transformer & friends.',
    );
    expect(attention).toMatchObject({
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      year: 2017,
      date: '2017-06-12',
      arxivId: '1706.03762v7',
      doi: '10.5555/3295222.3295349',
      url: 'http://arxiv.org/abs/1706.03762v7',
      keywords: ['cs.CL', 'cs.LG'],
    });
    expect(paperTitled(report, 'Second Entry').abstract).toBe('Short summaries are abstracts too.');
  });

  it('skips malformed XML with its line, and XML that is not a feed', async () => {
    const dir = await tempFiles({
      'broken.xml': '<?xml version="1.0"?>\n<feed>\n<entry><title>x</entry>\n</feed>\n',
      'other.xml': '<?xml version="1.0"?>\n<catalog><book/></catalog>\n',
    });
    const report = await ingestPaths(['broken.xml', 'other.xml'], { cwd: dir });
    expect(report.papers).toEqual([]);
    expect(report.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/^broken\.xml: line 3: malformed XML \(.+\)$/),
      'other.xml: XML that is not an Atom feed (arXiv API answers are read; other XML is not)',
    ]);
  });
});
