import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths, type IngestReport } from '../../src/corpus/ingest.js';
import { EXAMPLE_CORPUS } from './support.js';

describe('the bundled example corpus', () => {
  let report: IngestReport;
  beforeAll(async () => {
    report = await ingestPaths([EXAMPLE_CORPUS]);
  });

  it('ingests to 427 records and 411 unique papers, 10 of them without a title', () => {
    expect(report.records).toBe(427);
    expect(report.papers).toHaveLength(411);
    expect(report.duplicates).toBe(16);
    expect(report.papers.filter((p) => p.titleDerived)).toHaveLength(10);
    expect(report.skipped).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it('reads all five files as listing pages, in all three layouts', () => {
    expect(report.files.map((f) => [f.path.slice(-24, -21), f.format, f.records])).toEqual([
      ['000', 'listing', 10],
      ['001', 'listing', 183],
      ['002', 'listing', 80],
      ['003', 'listing', 95],
      ['004', 'listing', 59],
    ]);
  });

  it('splits the header glued to the first title and drops page chrome', () => {
    const titles = report.papers.map((p) => p.title);
    expect(titles).toContain('KV-Edit: Training-Free Image Editing for Precise Background Preservation');
    for (const chrome of ['Subscribe', 'Daily Papers', 'new', 'byAK and the research community', 'Mar 20', 'Michael Pokorny', 'Berkeley UC Berkeley']) {
      expect(titles).not.toContain(chrome);
    }
    expect(titles.some((t) => t.startsWith('Subscribe'))).toBe(false);
  });

  it('keeps publication dates, author counts and upvotes as metadata', () => {
    const core = report.papers.find((p) => p.title.startsWith('Efficient Long-context Language Model Training by Core Attention'))!;
    expect(core).toMatchObject({ authorCount: 9, date: '2025-10-20', year: 2025, upvotes: 5 });
    const sampling = report.papers.find((p) => p.title.startsWith('Sampling-based sublinear low-rank'))!;
    expect(sampling).toMatchObject({ authorCount: 6, date: '2023-07-09' });
    expect(sampling.upvotes).toBeUndefined();
    const withCounts = report.papers.filter((p) => p.authorCount !== undefined);
    expect(withCounts.length).toBeGreaterThan(50);
    expect(report.papers.filter((p) => p.upvotes !== undefined).length).toBeGreaterThan(15);
    expect(report.papers.some((p) => p.dateText !== undefined && p.date === undefined)).toBe(true);
  });

  it('merges the same paper listed on several pages, keeping every source', () => {
    const kv = report.papers.find((p) => p.title === 'KV Prediction for Improved Time to First Token')!;
    expect(kv.sources).toHaveLength(4);
  });

  it('gives unique readable keys and unique ids', () => {
    const keys = report.papers.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(report.papers.map((p) => p.id)).size).toBe(411);
    for (const k of keys) expect(k).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const ids = report.papers.map((p) => p.id);
    expect([...ids].sort()).toEqual(ids);
  });
});
