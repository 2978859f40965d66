import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../src/corpus/ingest.js';
import { runCli } from '../../support/run-cli.js';
import { tempFiles } from '../support.js';

const NBIB = `PMID- 31234567
OWN - NLM
TI  - Deep learning for retinal images: a systematic
      evaluation across cohorts.
AB  - We evaluate deep learning models on retinal images from
      three cohorts and report an AUC of 0.94.
FAU - Doe, Jane
AU  - Doe J
FAU - Roe, Richard
DP  - 2019 Jun 5
JT  - Ophthalmology
LID - 10.1016/j.ophtha.2019.01.001 [doi]
LID - S0161-6420(19)30001-1 [pii]

PMID- 31234568
TI  - Second record without continuation.
AB  - A short abstract of the second record about glaucoma screening.
FAU - Poe, Edgar
DP  - 2020
AID - 10.1000/second [doi]
`;

const CSL = JSON.stringify([
  {
    id: 'smith2023kv',
    type: 'article-journal',
    title: 'KV Cache Compression at Scale',
    abstract: 'We compress the key-value cache of large language models by 4x with no loss.',
    author: [{ family: 'Smith', given: 'Ann' }, { literal: 'The Consortium' }],
    issued: { 'date-parts': [[2023, 5]] },
    DOI: '10.1000/kv',
    'container-title': 'Journal of Caching',
  },
]);

describe('PubMed MEDLINE', () => {
  it('reads .nbib by content, even named .txt on the command line: tags, continuation lines, authors, date, DOI', async () => {
    const dir = await tempFiles({ 'export.txt': NBIB, 'pubmed.nbib': NBIB.replace(/31234567/g, '1').replace('Deep learning', 'Shallow learning') });
    const report = await ingestPaths(['export.txt', 'pubmed.nbib'], { cwd: dir });
    expect(report.files.map((f) => f.format)).toEqual(['medline', 'medline']);
    const p = report.papers.find((x) => x.title.startsWith('Deep learning'))!;
    expect(p.title).toBe('Deep learning for retinal images: a systematic evaluation across cohorts.');
    expect(p.abstract).toBe('We evaluate deep learning models on retinal images from three cohorts and report an AUC of 0.94.');
    expect(p.authors).toEqual(['Doe, Jane', 'Roe, Richard']);
    expect(p.year).toBe(2019);
    expect(p.doi).toBe('10.1016/j.ophtha.2019.01.001');
    expect(p.venue).toBe('Ophthalmology');
    expect(p.key).toBe('doe2019retinal');
    const second = report.papers.find((x) => x.title.startsWith('Second record'))!;
    expect(second).toMatchObject({ year: 2020, doi: '10.1000/second', authors: ['Poe, Edgar'] });
  });
});

describe('CSL-JSON', () => {
  it('keeps the year (issued date-parts), authors (family/given or literal), DOI, container title, and the id as key', async () => {
    const dir = await tempFiles({ 'zotero.json': CSL });
    const report = await ingestPaths(['zotero.json'], { cwd: dir });
    expect(report.files[0]!.format).toBe('csljson');
    expect(report.papers[0]).toMatchObject({
      key: 'smith2023kv',
      title: 'KV Cache Compression at Scale',
      year: 2023,
      date: '2023-05',
      authors: ['Smith, Ann', 'The Consortium'],
      doi: '10.1000/kv',
      venue: 'Journal of Caching',
    });
  });
});

describe('--map', () => {
  it('reads CSV/TSV columns and JSON keys litrev cannot guess', async () => {
    const dir = await tempFiles({
      'sheet.csv': 'Paper Name,Summary text,Written by,When,Ref\n"Mapped Title Paper","An abstract read from a mapped column.","Doe, J",2021,mine1\n',
      'dump.json': JSON.stringify([{ heading: 'Mapped JSON Paper', body: 'An abstract read from a mapped JSON key.' }]),
    });
    const plain = await runCli(['ingest', 'sheet.csv', '--json'], { cwd: dir });
    expect(plain.code).toBe(3);
    const { code, stdout } = await runCli(
      ['ingest', 'sheet.csv', '--map', 'title=Paper Name', '--map', 'abstract="Summary text"', '--map', 'authors=Written by',
        '--map', 'year=When', '--map', 'key=Ref', '--json'],
      { cwd: dir },
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ papers: 1, withoutAbstract: 0 });
    const stored = JSON.parse(await readFile(path.join(dir, '.litrev', 'corpus.json'), 'utf8')).papers[0];
    expect(stored).toMatchObject({ title: 'Mapped Title Paper', key: 'mine1', year: 2021, authors: ['Doe, J'] });
    const json = await runCli(['ingest', 'dump.json', '--map', 'title=heading', '--map', 'abstract=body', '--replace', '--json'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ papers: 1, withoutAbstract: 0 });
    const bad = await runCli(['ingest', 'sheet.csv', '--map', 'colour=Paper Name'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--map expects FIELD="Column" with FIELD one of title, abstract/);
  });

  it('maps several fields at once through the reader', async () => {
    const dir = await tempFiles({ 'sheet.tsv': 'Paper Name\tSummary text\tRef\nMapped Title Paper\tAn abstract from a mapped column.\tmine1\n' });
    const report = await ingestPaths(['sheet.tsv'], { cwd: dir, columnMap: { title: 'Paper Name', abstract: 'Summary text', citationKey: 'Ref' } });
    expect(report.papers[0]).toMatchObject({ title: 'Mapped Title Paper', abstract: 'An abstract from a mapped column.', key: 'mine1' });
    expect(path.basename(report.files[0]!.path)).toBe('sheet.tsv');
  });
});
