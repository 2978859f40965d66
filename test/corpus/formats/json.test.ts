import { describe, expect, it } from 'vitest';
import { rebuildAbstract } from '../../../src/corpus/formats/openalex.js';
import { ingestPaths } from '../../../src/corpus/ingest.js';
import { ingestFixtures, paperTitled, tempFiles } from '../support.js';

describe('JSON and JSONL', () => {
  it('reads an array of objects with any common field names', async () => {
    const report = await ingestFixtures('papers.json');
    expect(report.files[0]).toMatchObject({ format: 'json', records: 2 });
    expect(paperTitled(report, 'Few-Shot')).toMatchObject({
      authors: ['Tom B. Brown', 'Benjamin Mann'],
      year: 2020,
      venue: 'NeurIPS',
      arxivId: '2005.14165',
      doi: '10.48550/arXiv.2005.14165',
    });
    expect(paperTitled(report, 'LoRA')).toMatchObject({ authors: ['Edward J. Hu', 'Yelong Shen', 'Phillip Wallis'], year: 2021, date: '2021-06-17' });
    expect(paperTitled(report, 'LoRA').abstract).toMatch(/^An important paradigm/);
  });

  it('reads an object holding results (and unwraps Hugging Face "paper" objects)', async () => {
    const report = await ingestFixtures('results.json');
    expect(report.papers).toHaveLength(1);
    expect(report.papers[0]).toMatchObject({ title: 'A Paper Wrapped the Hugging Face Way', upvotes: 42, year: 2024, arxivId: '2106.09685' });
  });

  it.each(['items', 'papers'])('reads an object holding %s', async (key) => {
    const dir = await tempFiles({ 'x.json': JSON.stringify({ [key]: [{ title: 'One Paper Title', abstract: 'Its abstract.' }] }) });
    const report = await ingestPaths([dir]);
    expect(report.papers.map((p) => p.title)).toEqual(['One Paper Title']);
  });

  it('skips broken JSONL lines by number and reads the rest', async () => {
    const report = await ingestFixtures('papers.jsonl');
    expect(report.files[0]).toMatchObject({ format: 'jsonl', records: 2 });
    expect(report.papers.map((p) => p.title).sort()).toEqual([
      'Efficiently Modeling Long Sequences with Structured State Spaces',
      'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
    ]);
    expect(report.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/^papers\.jsonl: line 2: not valid JSON \(.+\)$/),
      'papers.jsonl: line 4: not a JSON object',
      'papers.jsonl: line 5: record has neither title nor abstract',
    ]);
  });

  it('skips JSON with no recognisable records, and invalid JSON with its line', async () => {
    const report = await ingestFixtures('no-records.json');
    expect(report.papers).toEqual([]);
    expect(report.skipped[0]!.reason).toMatch(/^no-records\.json: JSON with no recognisable records/);
    const dir = await tempFiles({ 'bad.json': '[\n  {"title": "x",\n  oops\n]' });
    const bad = await ingestPaths(['bad.json'], { cwd: dir });
    expect(bad.skipped[0]!.reason).toMatch(/^bad\.json: not valid JSON: .* at line 3$/);
  });
});

describe('OpenAlex', () => {
  it('rebuilds abstracts from the inverted index', () => {
    expect(rebuildAbstract({ world: [1], hello: [0], again: [3], 'hello,': [2] })).toBe('hello world hello, again');
    expect(rebuildAbstract(null)).toBeUndefined();
  });

  it('reads a results page of works', async () => {
    const report = await ingestFixtures('openalex.json');
    expect(report.files[0]).toMatchObject({ format: 'openalex', records: 2 });
    expect(paperTitled(report, 'BERT')).toMatchObject({
      abstract: 'We introduce a new language representation model called BERT.',
      authors: ['Jacob Devlin', 'Ming-Wei Chang'],
      year: 2019,
      date: '2019-06-01',
      doi: '10.18653/v1/N19-1423',
      venue: 'North American Chapter of the Association for Computational Linguistics',
      key: 'devlin2019bert',
    });
    expect(paperTitled(report, 'Without Abstract').abstract).toBe('');
  });

  it('reads a single work and an array of works', async () => {
    const single = await ingestFixtures('openalex-work.json');
    expect(single.papers[0]).toMatchObject({ title: 'A Single OpenAlex Work', abstract: 'Single works are read too.', year: 2018 });
    const work = { id: 'https://openalex.org/W1', display_name: 'Array Work', abstract_inverted_index: { Fine: [0] } };
    const dir = await tempFiles({ 'works.json': JSON.stringify([work]) });
    const arr = await ingestPaths([dir]);
    expect(arr.files[0]!.format).toBe('openalex');
    expect(arr.papers[0]).toMatchObject({ title: 'Array Work', abstract: 'Fine' });
  });
});
