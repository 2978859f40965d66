import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanPmid, pubmedUrlPmid } from '../../src/corpus/identifiers.js';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { runCli } from '../support/run-cli.js';
import { tempFiles } from './support.js';

/** The PMID of each paper, by title (the files named, as on the command line). */
async function pmids(files: Record<string, string>): Promise<Record<string, string | undefined>> {
  const dir = await tempFiles(files);
  const report = await ingestPaths(Object.keys(files), { cwd: dir });
  expect(report.skipped).toEqual([]);
  return Object.fromEntries(report.papers.map((p) => [p.title, p.pmid]));
}

describe('PMIDs read from each format', () => {
  it('MEDLINE (.nbib): the PMID- line', async () => {
    const nbib = 'PMID- 30000001\nTI  - Statins and stroke.\nAB  - A cohort study of statins.\nDP  - 2018\n';
    expect(await pmids({ 'a.nbib': nbib })).toEqual({ 'Statins and stroke.': '30000001' });
  });

  it('RIS: AN of a PubMed or MEDLINE record, a PMID:-prefixed value anywhere, never another database accession number', async () => {
    const ris = [
      'TY  - JOUR\nTI  - PubMed record\nAN  - 30000002\nDB  - PubMed\nDP  - NLM\nER  - ',
      'TY  - JOUR\nTI  - Ovid MEDLINE record in custom field\nC1  - 30000003\nDB  - Ovid MEDLINE(R)\nER  - ',
      'TY  - JOUR\nTI  - Prefixed in ID\nID  - PMID: 30000004\nER  - ',
      'TY  - JOUR\nTI  - Prefixed in a note\nN1  - Cited by 3\nN1  - PMID:30000005\nER  - ',
      'TY  - JOUR\nTI  - CINAHL accession number\nAN  - 107654321\nDB  - CINAHL\nER  - ',
      'TY  - JOUR\nTI  - Web of Science accession number\nAN  - WOS:000123456700001\nER  - ',
      'TY  - JOUR\nTI  - PubMed URL only\nUR  - https://pubmed.ncbi.nlm.nih.gov/30000006/\nER  - ',
    ].join('\n');
    expect(await pmids({ 'a.ris': `${ris}\n` })).toEqual({
      'PubMed record': '30000002',
      'Ovid MEDLINE record in custom field': '30000003',
      'Prefixed in ID': '30000004',
      'Prefixed in a note': '30000005',
      'CINAHL accession number': undefined,
      'Web of Science accession number': undefined,
      'PubMed URL only': '30000006',
    });
  });

  it('CSV and TSV: columns named PMID, PubMed ID, pubmed_id', async () => {
    expect(await pmids({
      'a.csv': 'Title,Abstract,PMID\nCsv paper,An abstract.,30000007\n',
      'b.csv': 'title,abstract,PubMed ID\nSecond csv paper,An abstract.,PMID: 30000008\n',
      'c.tsv': 'title\tabstract\tpubmed_id\nTsv paper\tAn abstract.\t30000009\n',
    })).toEqual({ 'Csv paper': '30000007', 'Second csv paper': '30000008', 'Tsv paper': '30000009' });
  });

  it('CSL-JSON: the PMID variable, or a PMID: line of the note', async () => {
    const csl = [
      { id: 'a', type: 'article-journal', title: 'Csl paper', author: [{ family: 'Roe' }], PMID: '30000010' },
      { id: 'b', type: 'article-journal', title: 'Csl note paper', author: [{ family: 'Roe' }], note: 'Some note\nPMID: 30000011' },
    ];
    expect(await pmids({ 'a.json': JSON.stringify(csl) })).toEqual({ 'Csl paper': '30000010', 'Csl note paper': '30000011' });
  });

  it('OpenAlex: ids.pmid (a PubMed URL)', async () => {
    const work = {
      id: 'https://openalex.org/W3000000012',
      title: 'OpenAlex paper',
      ids: { openalex: 'https://openalex.org/W3000000012', pmid: 'https://pubmed.ncbi.nlm.nih.gov/30000012' },
    };
    expect(await pmids({ 'a.json': JSON.stringify({ results: [work] }) })).toEqual({ 'OpenAlex paper': '30000012' });
  });

  it('BibTeX: a pmid field, or biblatex eprinttype = pubmed', async () => {
    const bib = '@article{a,\n  title = {Bib paper},\n  pmid = {30000013}\n}\n@article{b,\n  title = {Biblatex paper},\n  eprint = {30000014},\n  eprinttype = {pubmed}\n}\n';
    expect(await pmids({ 'a.bib': bib })).toEqual({ 'Bib paper': '30000013', 'Biblatex paper': '30000014' });
  });

  it('JSON and JSONL: a pmid property (string or number), Semantic Scholar externalIds.PubMed', async () => {
    expect(await pmids({
      'a.json': JSON.stringify([{ title: 'Json paper', abstract: 'An abstract.', pmid: 30000015 }]),
      'b.jsonl': `${JSON.stringify({ title: 'Jsonl paper', abstract: 'An abstract.', pmid: '30000016' })}\n${JSON.stringify({ title: 'S2 paper', abstract: 'An abstract.', externalIds: { PubMed: '30000017' } })}\n`,
    })).toEqual({ 'Json paper': '30000015', 'Jsonl paper': '30000016', 'S2 paper': '30000017' });
  });

  it('--map pmid="Column" reads a column litrev cannot guess', async () => {
    const dir = await tempFiles({ 'sheet.csv': 'title,abstract,Accession\nMapped pmid paper,An abstract.,30000018\n' });
    const { code } = await runCli(['ingest', 'sheet.csv', '--map', 'pmid=Accession', '--json'], { cwd: dir });
    expect(code).toBe(0);
    const stored = JSON.parse(await readFile(path.join(dir, '.litrev', 'corpus.json'), 'utf8')).papers[0];
    expect(stored).toMatchObject({ title: 'Mapped pmid paper', pmid: '30000018' });
  });

  it('drops a malformed PMID without failing the record', async () => {
    const csv = [
      'title,abstract,pmid',
      'Letters,An abstract.,12a45',
      'Too long,An abstract.,1234567890',
      'Zero,An abstract.,0',
      'Negative,An abstract.,-5',
      'Decimal,An abstract.,123.5',
      'Leading zeros,An abstract.,000123',
    ].join('\n');
    expect(await pmids({ 'a.csv': `${csv}\n` })).toEqual({
      Letters: undefined, 'Too long': undefined, Zero: undefined, Negative: undefined, Decimal: undefined, 'Leading zeros': '123',
    });
  });
});

describe('cleanPmid', () => {
  it('accepts digits, a PMID: prefix, numbers and PubMed URLs; nothing else', () => {
    expect(['1', ' 123456789 ', 'PMID: 42', 'pmid:42', 42, 'https://pubmed.ncbi.nlm.nih.gov/42/', 'https://www.ncbi.nlm.nih.gov/pubmed/42'].map(cleanPmid))
      .toEqual(['1', '123456789', '42', '42', '42', '42', '42']);
    for (const bad of ['', '0', '00', 'PMC1234567', '10.1000/42', '42 43', 4.2, -42, Number.NaN, null, {}, 'https://example.org/42']) {
      expect(cleanPmid(bad)).toBeUndefined();
    }
    expect(pubmedUrlPmid('https://pubmed.ncbi.nlm.nih.gov/42/?from=search')).toBe('42');
    expect(pubmedUrlPmid('https://pubmed.ncbi.nlm.nih.gov/?term=42')).toBeUndefined();
  });
});
