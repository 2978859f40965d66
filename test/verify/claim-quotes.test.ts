import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import type { Annotation } from '../../src/review/annotation.js';
import { checkQuotes, checkQuotesSteps, isVerbatim } from '../../src/verify/quotes.js';

const paper = (key: string, abstract: string): Paper => ({ id: `id-${key}`, key, title: key, titleDerived: false, abstract, authors: [], sources: [] });
const annotation = (paperId: string, quotes: string[], status: Annotation['status'] = 'ok'): Annotation => ({
  paperId, status, contributionType: 'method', problem: '', methodFamily: '', methodSummary: '', tasks: [], datasets: [], models: [],
  claims: quotes.map((quote) => ({ text: 'c', quote, quantitative: false, metric: null, value: null, baseline: null })),
});

const kv = paper('kv2024', 'The cache keeps 20% of tokens.\n  Accuracy drops   by 0.4 points.');

describe('claim quotes', () => {
  it('a quote is verbatim up to whitespace, at the very start of the abstract too; an empty or blank quote is not', () => {
    expect(isVerbatim('  The cache keeps 20%\n', kv.abstract)).toBe(true);
    expect(isVerbatim('Accuracy drops by 0.4 points.', kv.abstract)).toBe(true);
    expect(isVerbatim('Accuracy drops by 0.5 points.', kv.abstract)).toBe(false);
    expect(isVerbatim('', kv.abstract)).toBe(false);
    expect(isVerbatim(' \n ', kv.abstract)).toBe(false);
  });

  it('checks the quotes of annotated papers only; a paper missing from the corpus has no key and no verbatim quote', () => {
    const checks = checkQuotes([kv], [
      annotation('id-kv2024', ['keeps 20% of tokens', 'keeps 30% of tokens']),
      annotation('id-kv2024', ['keeps 20% of tokens'], 'failed'),
      annotation('id-kv2024', ['keeps 20% of tokens'], 'excluded'),
      annotation('id-gone', ['keeps 20% of tokens']),
    ]);
    expect(checks).toEqual([
      { paperId: 'id-kv2024', key: 'kv2024', quote: 'keeps 20% of tokens', verbatim: true },
      { paperId: 'id-kv2024', key: 'kv2024', quote: 'keeps 30% of tokens', verbatim: false },
      { paperId: 'id-gone', key: '', quote: 'keeps 20% of tokens', verbatim: false },
    ]);
  });

  it('reports progress one annotation at a time (the verify stage of a large corpus shows it)', () => {
    const steps = checkQuotesSteps([kv], [annotation('id-kv2024', ['keeps 20% of tokens']), annotation('id-kv2024', [])]);
    const progress = [];
    for (let r = steps.next(); !r.done; r = steps.next()) progress.push(r.value);
    expect(progress).toEqual([{ done: 1, total: 2 }, { done: 2, total: 2 }]);
  });
});
