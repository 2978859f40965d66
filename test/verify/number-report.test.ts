import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { verifyReview } from '../../src/verify/verify-review.js';

const paper = (key: string, abstract: string): Paper => ({ id: `id-${key}`, key, title: key, titleDerived: false, abstract, authors: [], sources: [] });
const report = (markdown: string, papers: Paper[]) => verifyReview({ markdown, papers, annotations: [] }).report;

describe('the verification report on numbers and removed keys', () => {
  const holders = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'].map((k) => paper(k, 'Throughput rises 3x here too.'));

  it('names other papers holding a number only when the cited ones do not, and at most five of them', () => {
    const cited = paper('a', 'Throughput rises 3x.');
    const found = report('Throughput rises 3x [@a].\n', [cited, ...holders]).numbers[0]!;
    expect(found).toMatchObject({ found: true, foundIn: ['a'], alsoIn: [] });
    const missing = report('Throughput rises 3x [@c].\n', [paper('c', 'No such figure.'), ...holders]).numbers[0]!;
    expect(missing).toMatchObject({ found: false, foundIn: [], alsoIn: ['b1', 'b2', 'b3', 'b4', 'b5'] });
  });

  it('a number is held against the known keys of its sentence only', () => {
    const r = report('Throughput rises 3x [@a; @ghost2024].\n', [paper('a', 'Throughput rises 3x.')]);
    expect(r.numbers.map((n) => n.citedKeys)).toEqual([['a']]);
  });

  it('an invented key outside the checked text (a heading) is removed and listed too, with no sentence', () => {
    const r = verifyReview({ markdown: '## Methods [@ghost2024]\n\nA claim [@a] and [@ghost2025].\n', papers: [paper('a', 'A.')], annotations: [] });
    expect(r.markdown).toBe('## Methods\n\nA claim [@a] and.\n');
    expect(r.report.dangling).toEqual([
      { key: 'ghost2025', sentence: 'A claim [@a] and [@ghost2025].', line: 3 },
      { key: 'ghost2024', sentence: '', line: 0 },
    ]);
  });
});
