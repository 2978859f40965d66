import { describe, expect, it } from 'vitest';
import { readListing } from '../../../src/corpus/formats/listing.js';
import { detectFormat } from '../../../src/corpus/formats/detect.js';
import { ingestPaths } from '../../../src/corpus/ingest.js';
import { tempFiles } from '../support.js';

const LONG = (topic: string) =>
  `We study ${topic} in depth. Our analysis covers the main design choices and their trade-offs. Experiments on three benchmarks show consistent gains over strong baselines.`;

describe('listing pages: alternating title / abstract lines', () => {
  const page = [
    'Get trending papers in your email inbox once a day!',
    'Get trending papers in your email inbox!',
    'SubscribeKV-Edit: Training-Free Image Editing',
    LONG('image editing'),
    'Tiny Abstracts Still Count',
    'We show it.',
    'A Third Paper on Caching',
    LONG('caching'),
  ].join('\n');

  it('splits the glued header off the first title and pairs by structure, even a very short abstract', () => {
    const r = readListing(page, 'p.txt');
    expect(r.records.map((x) => [x.title, x.abstract?.slice(0, 12)])).toEqual([
      ['KV-Edit: Training-Free Image Editing', 'We study ima'],
      ['Tiny Abstracts Still Count', 'We show it.'],
      ['A Third Paper on Caching', 'We study cac'],
    ]);
    expect(detectFormat(page, 'p.txt').format).toBe('listing');
  });

  it('finds an abstract that has no title between two full records', () => {
    const text = ['Subscribe', 'First Paper Title Here', LONG('first things'), LONG('an untitled thing'), 'Third Paper Title Here', LONG('third things')].join('\n');
    const r = readListing(text, 'p.txt');
    expect(r.records.map((x) => x.title ?? null)).toEqual(['First Paper Title Here', null, 'Third Paper Title Here']);
    expect(r.records[1]!.abstract).toMatch(/untitled thing/);
  });
});

describe('listing pages: blank-line separated blocks', () => {
  const page = [
    'new', '', 'Get trending papers in your email inbox!', '', 'Subscribe', '', 'Daily Papers', '', 'byAK and the research community', '',
    'Mar 20', '',
    'Sampling-Based Low-Rank Arithmetic', '', LONG('low-rank arithmetic'), '', '  • 6 authors', '·', 'Jul 9, 2023', '',
    'Efficient Long-Context Training', '', LONG('long context'), '', '  • 9 authors', '·', 'Oct 20, 2025 5', '',
    'A Paper Without Metadata', '', LONG('missing metadata'), '',
    'Affiliated Paper Title', '', LONG('affiliations'), '', 'Berkeley UC Berkeley', '·', 'Apr 11 2', '',
  ].join('\n');

  it('drops chrome and the page date, keeps author counts, dates and upvotes on their paper', () => {
    const r = readListing(page, 'p.txt');
    expect(r.format).toBe('listing');
    expect(r.records.map(({ source: _s, abstract: _a, ...rest }) => rest)).toEqual([
      { title: 'Sampling-Based Low-Rank Arithmetic', authorCount: 6, date: '2023-07-09', year: 2023 },
      { title: 'Efficient Long-Context Training', authorCount: 9, upvotes: 5, date: '2025-10-20', year: 2025 },
      { title: 'A Paper Without Metadata' },
      { title: 'Affiliated Paper Title', upvotes: 2, dateText: 'Apr 11' },
    ]);
    expect(r.records[0]!.source).toMatchObject({ line: 13, index: 0 });
  });

  it('is recognised by content whatever the extension', async () => {
    const dir = await tempFiles({ 'page.dat': page });
    const report = await ingestPaths([`${dir}/page.dat`]);
    expect(report.files[0]!.format).toBe('listing');
    expect(report.papers).toHaveLength(4);
  });
});

describe('listing pages: Abstract:-prefixed lines without titles', () => {
  it('reads each abstract as an untitled paper and drops the author line on top', async () => {
    const text = `Jane Researcher\nAbstract:${LONG('first')}\nAbstract:${LONG('second')}\nAbstract:${LONG('third')}\n`;
    expect(detectFormat(text, 'a.txt').format).toBe('listing');
    const dir = await tempFiles({ 'a.txt': text });
    const report = await ingestPaths([dir]);
    expect(report.papers).toHaveLength(3);
    expect(report.papers.every((p) => p.titleDerived)).toBe(true);
    expect(report.papers.map((p) => p.title).sort()).toEqual(['We study first in depth', 'We study second in depth', 'We study third in depth']);
    expect(report.papers.some((p) => p.title.includes('Jane'))).toBe(false);
  });
});
