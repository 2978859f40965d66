import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { ingestIntoWorkspace } from '../../src/corpus/ingest-into-workspace.js';
import { renderReferencesBib } from '../../src/report/references-bib.js';
import { EXAMPLE_CORPUS, tempDir, tempFiles } from './support.js';

const NBIB = `PMID- 31000001
TI  - Statin therapy and the risk of ischaemic stroke in older adults: a cohort study.
AB  - We followed 12,000 adults over 70 for ten years and found statins lowered the risk of a first ischaemic stroke.
FAU - Doe, Jane
DP  - 2019 Mar
JT  - Stroke
LID - 10.1161/STROKE.119.000001 [doi]
`;

/** The same paper as NBIB, as other databases export it: no DOI in common, the title spelled differently. */
const OTHERS = {
  'openalex.json': JSON.stringify({
    results: [{
      id: 'https://openalex.org/W3100000001',
      title: 'Statin Therapy & Ischemic Stroke Risk in Older Adults',
      publication_year: 2019,
      ids: { openalex: 'https://openalex.org/W3100000001', pmid: 'https://pubmed.ncbi.nlm.nih.gov/31000001' },
    }],
  }),
  'screening.csv': 'title,abstract,pmid,label_included\nStatin therapy and ischemic stroke (cohort),Statins and stroke in the elderly.,31000001,1\n',
  'zotero.json': JSON.stringify([{ id: 'doe2019', type: 'article-journal', title: 'Statins and stroke in older adults', author: [{ family: 'Doe', given: 'Jane' }], PMID: '31000001' }]),
};

describe('PMID as an identity in deduplication', () => {
  it('merges a MEDLINE record with OpenAlex, CSV and CSL-JSON records of the same paper (no shared DOI, other titles)', async () => {
    const dir = await tempFiles({ 'pubmed.nbib': NBIB, ...OTHERS });
    const report = await ingestPaths(['pubmed.nbib', ...Object.keys(OTHERS)], { cwd: dir });
    expect(report.records).toBe(4);
    expect(report.papers).toHaveLength(1);
    const [p] = report.papers;
    expect(p!.pmid).toBe('31000001');
    expect(p!.doi).toBe('10.1161/STROKE.119.000001');
    expect(p!.sources.map((s) => s.format).sort()).toEqual(['csljson', 'csv', 'medline', 'openalex']);
  });

  it('keeps two records with the same title and different PMIDs apart; a record without a PMID joins one of them', async () => {
    const title = 'Vitamin D supplementation and fracture risk';
    const dir = await tempFiles({
      'a.csv': `title,abstract,pmid\n${title},First trial of vitamin D.,31000002\n${title},Second trial of vitamin D.,31000003\n`,
      'b.json': JSON.stringify([{ title, abstract: 'Untagged copy.' }]),
    });
    const report = await ingestPaths(['a.csv', 'b.json'], { cwd: dir });
    expect(report.papers).toHaveLength(2);
    expect(report.papers.map((p) => p.pmid).sort()).toEqual(['31000002', '31000003']);
    expect(report.papers.map((p) => p.sources.length).sort()).toEqual([1, 2]);
    expect(new Set(report.papers.map((p) => p.id)).size).toBe(2);
  });

  it('a shared PMID joins records whose DOIs differ, and a shared DOI joins records whose PMIDs differ', async () => {
    const dir = await tempFiles({
      'a.json': JSON.stringify([
        { title: 'Published Version Of A Trial', abstract: 'One.', doi: '10.1000/journal.1', pmid: '31000004' },
        { title: 'Preprint Of A Trial', abstract: 'Two.', doi: '10.1101/2020.01.01.000001', pmid: '31000004' },
        { title: 'Indexed Twice', abstract: 'Three.', doi: '10.1000/twice', pmid: '31000005' },
        { title: 'Indexed Twice, Again', abstract: 'Four.', doi: '10.1000/twice', pmid: '31000006' },
      ]),
    });
    const report = await ingestPaths(['a.json'], { cwd: dir });
    expect(report.papers.map((p) => p.sources.length)).toEqual([2, 2]);
  });

  it('an id does not depend on the PMID: the same records with and without one give the same ids and keys', async () => {
    const dir = await tempFiles({
      'with.nbib': `${NBIB}\nPMID- 31000007\nTI  - A second paper.\nAB  - Its abstract.\n`,
      'without.nbib': `${NBIB.replace('PMID- 31000001\n', '')}\nTI  - A second paper.\nAB  - Its abstract.\n`,
    });
    const withPmid = await ingestPaths(['with.nbib'], { cwd: dir });
    const without = await ingestPaths(['without.nbib'], { cwd: dir });
    expect(withPmid.papers.map((p) => p.pmid)).toEqual(expect.arrayContaining(['31000001', '31000007']));
    expect(without.papers.every((p) => p.pmid === undefined)).toBe(true);
    expect(withPmid.papers.map((p) => [p.id, p.key])).toEqual(without.papers.map((p) => [p.id, p.key]));
  });

  it('leaves the ids and keys of the example corpus as they were before PMIDs were read', async () => {
    const report = await ingestPaths([EXAMPLE_CORPUS]);
    const lines = report.papers.map((p) => `${p.id} ${p.key}\n`).join('');
    // sha256 of the same lines from `main` before PMIDs were read (427 records, 411 papers).
    expect(createHash('sha256').update(lines).digest('hex')).toBe('355a8042ecf293668227033c9ab3a65762dee0d916b11e4df8bee0a354d3a9db');
    const byKey = new Map(report.papers.map((p) => [p.key, p.id]));
    expect([byKey.get('adaptive-computation'), byKey.get('resq-mixed'), byKey.get('corecollect2025'), byKey.get('revealing-mystery')])
      .toEqual(['p0062338653dc', 'p0095569d0029', 'p03008b97fec3', 'pffeffd525844']);
  });
});

describe('PMID in the outputs', () => {
  it('corpus.json keeps the PMID; a paper ingested again under another title is found by its PMID', async () => {
    const dir = await tempFiles({ 'pubmed.nbib': NBIB, 'screening.csv': OTHERS['screening.csv'] });
    const workspaceDir = await tempDir();
    const config = { cwd: dir, workspaceDir, runsDir: path.join(dir, 'runs'), cacheDir: path.join(dir, 'cache'), columnMap: {}, requireAbstract: false };
    const first = await ingestIntoWorkspace(config, ['pubmed.nbib']);
    const stored = JSON.parse(await readFile(path.join(workspaceDir, 'corpus.json'), 'utf8')) as { papers: { pmid?: string }[] };
    expect(stored.papers.map((p) => p.pmid)).toEqual(['31000001']);
    const second = await ingestIntoWorkspace(config, ['screening.csv']);
    expect(second.change).toMatchObject({ added: 0, present: 1, after: 1 });
    expect(second.papers.map((p) => p.key)).toEqual(first.papers.map((p) => p.key));
  });

  it('references.bib: a generated entry carries pmid; the user\'s own BibTeX entry is written back as it is', async () => {
    const entry = '@article{doe2019,\n  title = {Statins},\n  year = 2019\n}';
    const dir = await tempFiles({ 'pubmed.nbib': NBIB, 'refs.bib': `${entry.replace('Statins', 'Other paper')}\n` });
    const report = await ingestPaths(['pubmed.nbib', 'refs.bib'], { cwd: dir });
    const medline = report.papers.find((p) => p.pmid)!;
    const user = { ...report.papers.find((p) => p.bibtex)!, pmid: '31000008' };
    const bib = renderReferencesBib([medline, user]);
    expect(bib).toContain('  doi = {10.1161/STROKE.119.000001},\n  pmid = {31000001},\n');
    expect(bib).toContain(entry.replace('Statins', 'Other paper'));
    expect(bib).not.toContain('31000008');
  });
});
