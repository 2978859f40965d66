import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import type { Annotation, Taxonomy } from '../../src/review/annotation.js';
import { csvField } from '../../src/report/csv.js';
import { renderPapersCsv } from '../../src/report/papers-csv.js';
import { renderPapersJsonl } from '../../src/report/papers-jsonl.js';

const paper: Paper = {
  id: 'p1', key: 'smith2024', title: 'Commas, "Quotes" and\nNewlines', titleDerived: false,
  abstract: 'We cut memory by 20%, "safely".', authors: [], year: 2024, sources: [],
};
const failed: Paper = { ...paper, id: 'p2', key: 'doe2023', title: 'Plain', year: undefined };
const annotations: Annotation[] = [
  {
    paperId: 'p1', status: 'ok', contributionType: 'method', problem: 'Memory.', methodFamily: 'KV cache, quantization',
    methodSummary: 'We cut memory.', tasks: ['summarization'], datasets: ['LongBench', 'GSM8K'], models: [],
    claims: [
      { text: 'memory: 20%', quote: 'We cut memory by 20%, "safely".', quantitative: true, metric: 'memory', value: '20%', baseline: null },
      { text: 'It is safe', quote: 'safely', quantitative: false, metric: null, value: null, baseline: null },
    ],
  },
  {
    paperId: 'p2', status: 'failed', error: 'schema: missing "claims"', contributionType: null, problem: '', methodFamily: '',
    methodSummary: '', tasks: [], datasets: [], models: [], claims: [],
  },
];
const taxonomy: Taxonomy = { source: 'offline', categories: [{ id: 'c1', name: 'Memory, mostly', definition: 'd', paperIds: ['p1'] }] };

describe('papers.csv', () => {
  it('quotes fields per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it('round-trips through a CSV parser, one row per paper, claims readable', () => {
    const csv = renderPapersCsv([paper, failed], annotations, taxonomy);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      id: 'p1', key: 'smith2024', title: 'Commas, "Quotes" and\nNewlines', year: '2024', category: 'Memory, mostly',
      contribution_type: 'method', method_family: 'KV cache, quantization', datasets: 'LongBench; GSM8K', status: 'ok',
    });
    expect(rows[0]!.claims).toBe('1. memory: 20% — "We cut memory by 20%, "safely"."\n2. It is safe — "safely"');
    expect(rows[1]).toMatchObject({ id: 'p2', status: 'failed', error: 'schema: missing "claims"', category: '' });
  });
});

describe('papers.jsonl', () => {
  it('writes one JSON object per line with the category and claims', () => {
    const lines = renderPapersJsonl([paper, failed], annotations, taxonomy).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ id: 'p1', key: 'smith2024', category: 'Memory, mostly', categoryId: 'c1', status: 'ok', error: null });
    expect(first.claims[0].quote).toBe('We cut memory by 20%, "safely".');
    expect(JSON.parse(lines[1]!)).toMatchObject({ status: 'failed', error: 'schema: missing "claims"', category: null });
  });
});

describe('papers.csv opens safely in a spreadsheet', () => {
  it('starts with a UTF-8 BOM and neutralises formula-leading cells (OWASP)', async () => {
    const { renderPapersCsv } = await import('../../src/report/papers-csv.js');
    const { parse } = await import('csv-parse/sync');
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)', '\tTabbed', '\rReturn', 'Ümlaut – plain'];
    const papers = hostile.map((title, i) => ({
      id: `p${i}`, key: `k${i}`, title, titleDerived: false, abstract: 'An abstract.', authors: [], sources: [],
    }));
    const csv = renderPapersCsv(papers, [], { source: 'offline', categories: [] });
    expect(csv.startsWith('\uFEFFid,key,title')).toBe(true);
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.title)).toEqual([
      `'=HYPERLINK("http://evil.example","x")`, "'+1+2", "'-2+3", "'@SUM(A1)", "'\tTabbed", "'\rReturn", 'Ümlaut – plain',
    ]);
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });
});
