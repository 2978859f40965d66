import { describe, expect, it } from 'vitest';
import { detectDelimiter, readDelimited } from '../../../src/corpus/formats/delimited.js';
import { ingestPaths } from '../../../src/corpus/ingest.js';
import { ingestFixtures, paperTitled, tempFiles } from '../support.js';

describe('CSV and TSV', () => {
  it('reads quoted fields with commas, doubled quotes and newlines; Zotero-style headers', async () => {
    const report = await ingestFixtures('papers.csv');
    expect(report.files[0]).toMatchObject({ format: 'csv', records: 2 });
    const resnet = paperTitled(report, 'Residual');
    expect(resnet.abstract).toBe(
      'Deeper neural networks are more difficult to train. We present a residual learning framework, with "shortcut" connections, spanning multiple lines.',
    );
    expect(resnet).toMatchObject({ authors: ['He, Kaiming', 'Zhang, Xiangyu'], year: 2016, doi: '10.1109/CVPR.2016.90', url: 'https://example.org/resnet' });
    expect(resnet.sources[0]).toMatchObject({ line: 2, index: 0 });
    expect(paperTitled(report, 'Batch Normalization').sources[0]).toMatchObject({ line: 4 });
  });

  it('reads TSV with RIS-style short headers (TI, AB, PY, AU)', async () => {
    const report = await ingestFixtures('papers.tsv');
    expect(report.files[0]).toMatchObject({ format: 'tsv', records: 2 });
    expect(paperTitled(report, 'Graph Attention')).toMatchObject({ year: 2018, authors: ['Veličković, Petar'] });
    expect(paperTitled(report, 'Neural Ordinary')).toMatchObject({ authors: ['Chen, Ricky T. Q.'] });
  });

  it('matches header names case-insensitively, with synonyms', async () => {
    expect(detectDelimiter('TITLE;Summary;Authors\n')).toBe(';');
    const r = await readDelimited('TITLE;Summary;Authors;Publication Year\nA Title;An abstract.;Doe, J.;2019\n', 'x.csv', ';');
    expect(r.records[0]).toMatchObject({ title: 'A Title', abstract: 'An abstract.', authors: ['Doe, J.'], year: 2019 });
    expect(detectDelimiter('id,name_of_thing,count\n')).toBeNull();
  });

  it('skips a row with the wrong number of fields, naming its line', async () => {
    const report = await ingestFixtures('bad-row.csv');
    expect(report.papers.map((p) => p.title).sort()).toEqual(['A complete row', 'Another complete row']);
    expect(report.skipped).toEqual([{ path: 'bad-row.csv', reason: 'bad-row.csv: line 3: expected 3 fields, found 2' }]);
  });

  it('reports a quoted field that is never closed and keeps the rows before it', async () => {
    const dir = await tempFiles({ 'open.csv': 'title,abstract\nFirst,Fine.\n"Second,never closed\nThird,lost\n' });
    const report = await ingestPaths(['open.csv'], { cwd: dir });
    expect(report.papers.map((p) => p.title)).toEqual(['First']);
    expect(report.skipped[0]!.reason).toMatch(/^open\.csv: line 3: a quoted field is never closed/);
  });
});
