import { describe, expect, it } from 'vitest';
import type { GoldRow } from '../../src/eval/gold-label.js';
import { describeRef, matchGold } from '../../src/eval/match-gold.js';
import type { RunPaper } from '../../src/runs/run-record.js';

const paper = (id: string, key: string, title: string, doi?: string): RunPaper => ({
  id, key, title, ...(doi ? { doi } : {}),
  category: null, categoryId: null, contributionType: null, methodFamily: '', methodSummary: '', claims: [], status: 'ok',
});
const row = (line: number, ref: GoldRow['ref']): GoldRow => ({ where: `gold.csv:${line}`, ref, relevant: true });

const PAPERS = [
  paper('p1', 'ann2024a', 'Alpha: Fast Attention', 'https://doi.org/10.1234/Alpha'),
  paper('p2', 'bob2024b', 'Beta Caches'),
  paper('p3', 'cy2024c', 'Introduction'),
  paper('p4', 'dee2024d', 'Introduction'),
  paper('p5', 'eve2024e', '???'),
];
const keysOf = (rows: GoldRow[]) => matchGold(rows, PAPERS).matched.map((m) => m.paper.key);

describe('matching gold rows to the papers of a run', () => {
  it('by key or id up to case, by DOI in any spelling, by title up to case and punctuation', () => {
    expect(keysOf([row(1, { key: 'ANN2024A' })])).toEqual(['ann2024a']);
    expect(keysOf([row(1, { id: 'P2' })])).toEqual(['bob2024b']);
    for (const doi of ['10.1234/alpha', 'doi:10.1234/ALPHA', 'https://dx.doi.org/10.1234/alpha']) expect(keysOf([row(1, { doi })])).toEqual(['ann2024a']);
    expect(keysOf([row(1, { title: 'alpha -- fast attention.' })])).toEqual(['ann2024a']);
  });

  it('tries key, then id, then DOI, then title: the first that names a paper wins', () => {
    expect(keysOf([row(1, { key: 'bob2024b', title: 'Alpha: Fast Attention' })])).toEqual(['bob2024b']);
    expect(keysOf([row(1, { key: 'nobody', id: 'p2', doi: '10.1234/alpha' })])).toEqual(['bob2024b']);
    expect(keysOf([row(1, { id: 'nobody', doi: '10.1234/alpha', title: 'Beta Caches' })])).toEqual(['ann2024a']);
    expect(keysOf([row(1, { doi: '10.9999/none', title: 'Beta Caches' })])).toEqual(['bob2024b']);
  });

  it('a title several papers share names the first of them', () => {
    expect(keysOf([row(1, { title: 'introduction' })])).toEqual(['cy2024c']);
  });

  it('a DOI that is not one matches only the same text, and a title without letters or digits matches nothing', () => {
    const m = matchGold([row(1, { doi: 'not a doi' }), row(2, { title: '!!!' })], PAPERS);
    expect(m.matched).toEqual([]);
    expect(m.unmatched).toEqual([
      { where: 'gold.csv:1', ref: 'doi=not a doi' },
      { where: 'gold.csv:2', ref: 'title=!!!' },
    ]);
  });

  it('two rows naming the same paper: the later row is used and the earlier one reported', () => {
    const first = row(3, { key: 'bob2024b' });
    const second = { ...row(7, { title: 'beta caches' }), relevant: false };
    const m = matchGold([first, row(5, { key: 'ann2024a' }), second], PAPERS);
    expect(m.matched.map((x) => [x.paper.key, x.gold.where])).toEqual([['ann2024a', 'gold.csv:5'], ['bob2024b', 'gold.csv:7']]);
    expect(m.duplicates).toEqual(['gold.csv:7: names the same paper as gold.csv:3 (bob2024b); the later row is used']);
    expect(m.unmatched).toEqual([]);
  });

  it('describes an unmatched row by what it gave, long values cut to 60 characters', () => {
    const sixty = 'x'.repeat(60);
    expect(describeRef({ key: 'k1', title: sixty })).toBe(`key=k1, title=${sixty}`);
    expect(describeRef({ title: `${sixty}y` })).toBe(`title=${'x'.repeat(57)}...`);
  });
});
