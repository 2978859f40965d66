import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import type { Annotation, Claim } from '../../src/review/annotation.js';
import { verifyAnswer, verifyReview } from '../../src/verify/verify-review.js';

function paper(key: string, abstract: string): Paper {
  return { id: `id-${key}`, key, title: key, titleDerived: false, abstract, authors: [], sources: [] };
}

function annotation(p: Paper, quotes: string[]): Annotation {
  const claims: Claim[] = quotes.map((quote) => ({ text: 'c', quote, quantitative: false, metric: null, value: null, baseline: null }));
  return {
    paperId: p.id, status: 'ok', contributionType: 'method', problem: '', methodFamily: '', methodSummary: '',
    tasks: [], datasets: [], models: [], claims,
  };
}

const fair = paper('fairkv2025', 'FairKV increases throughput by 1.66x compared to standard tensor parallelism inference on LLaMA 70b.');
const zip = paper('zipcache', 'ZipCache compresses the KV cache by 4.98$\\times$ with only a 0.38\\% drop in accuracy; it keeps 20 percent of tokens.');
const other = paper('other', 'Another method reaches 93% accuracy.');
const papers = [fair, zip, other];

describe('verifyReview', () => {
  it('removes a made-up key from the text and lists it', () => {
    const md = 'FairKV balances heads [@fairkv2025; @made-up2024]. A claim [@ghost].\n';
    const { markdown, report } = verifyReview({ markdown: md, papers, annotations: [] });
    expect(markdown).toBe('FairKV balances heads [@fairkv2025]. A claim.\n');
    expect(report.dangling.map((d) => d.key)).toEqual(['made-up2024', 'ghost']);
    expect(report.summary.danglingRemoved).toBe(2);
    expect(report.summary.citations).toBe(3);
    expect(report.resolved).toEqual([{ key: 'fairkv2025', count: 1 }]);
  });

  it('flags a number absent from the cited abstract', () => {
    const { report } = verifyReview({ markdown: 'FairKV is 2.5x faster [@fairkv2025].', papers, annotations: [] });
    expect(report.numbers).toHaveLength(1);
    expect(report.numbers[0]).toMatchObject({ number: '2.5x', found: false, foundIn: [], alsoIn: [] });
    expect(report.summary.numbersUnsupported).toBe(1);
  });

  it('accepts a number from the cited paper\'s title (papers are named by their titles)', () => {
    const named = { ...paper('minference', 'We accelerate pre-filling with dynamic sparse attention.'), title: 'MInference 1.0: Accelerating Pre-filling' };
    const { report } = verifyReview({ markdown: 'MInference 1.0 uses sparse attention [@minference].', papers: [named], annotations: [] });
    expect(report.summary).toMatchObject({ numbersChecked: 1, numbersUnsupported: 0 });
  });

  it('flags a number found only in another, uncited paper, and says where it is', () => {
    const { report } = verifyReview({ markdown: 'FairKV reaches 93% accuracy [@fairkv2025].', papers, annotations: [] });
    expect(report.numbers[0]).toMatchObject({ found: false, alsoIn: ['other'] });
  });

  it('accepts the normalised forms of the cited numbers', () => {
    const md = [
      'FairKV gives 1.66× the throughput, 1.66 times as much [@fairkv2025].',
      'ZipCache compresses 4.98x with a 0.38 % drop and keeps 20% of tokens [@zipcache].',
      'Both report figures: 1.66x and 4.98 times [@fairkv2025; @zipcache].',
    ].join(' ');
    const { report } = verifyReview({ markdown: md, papers, annotations: [] });
    expect(report.numbers.every((n) => n.found)).toBe(true);
    expect(report.summary.numbersChecked).toBe(7);
    expect(report.numbers.find((n) => n.number === '4.98 times')!.foundIn).toEqual(['zipcache']);
  });

  it('ignores numbers in citation keys, headings, Mermaid blocks and list markers; lists uncited numbers apart', () => {
    const md = [
      '## 3. Results in 2024',
      '',
      '```mermaid',
      'mindmap',
      '  root(("411 papers"))',
      '```',
      '',
      '1. FairKV balances load [@fairkv2025].',
      '',
      'The corpus holds 411 papers.',
    ].join('\n');
    const { report } = verifyReview({ markdown: md, papers, annotations: [] });
    expect(report.numbers).toEqual([]);
    expect(report.uncitedNumbers.map((n) => n.number)).toEqual(['411']);
  });

  it('checks every claim quote against its abstract after whitespace normalisation', () => {
    const annotations = [
      annotation(fair, ['FairKV increases throughput  by\n1.66x compared to standard tensor parallelism inference']),
      annotation(zip, ['ZipCache shrinks the KV cache nearly five-fold']),
    ];
    const { report } = verifyReview({ markdown: '', papers, annotations });
    expect(report.quotes.map((q) => [q.key, q.verbatim])).toEqual([
      ['fairkv2025', true],
      ['zipcache', false],
    ]);
    expect(report.summary).toMatchObject({ quotesChecked: 2, quotesNotVerbatim: 1 });
  });

  it('checks table rows as units', () => {
    const md = '| Paper | Value |\n| --- | --- |\n| [@fairkv2025] | 1.66x |\n| [@zipcache] | 9.9x |\n';
    const { report } = verifyReview({ markdown: md, papers, annotations: [] });
    expect(report.numbers.map((n) => [n.number, n.found])).toEqual([
      ['1.66x', true],
      ['9.9x', false],
    ]);
  });
});

describe('verifyAnswer', () => {
  it('checks citations and numbers of an answer', () => {
    const { text, report } = verifyAnswer('It is 1.66x faster [@fairkv2025][@nope].', papers);
    expect(text).toBe('It is 1.66x faster [@fairkv2025].');
    expect(report.summary).toMatchObject({ danglingRemoved: 1, numbersChecked: 1, numbersUnsupported: 0, quotesChecked: 0 });
  });
});
