import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import type { ReviewDraft } from '../../src/review/review-draft.js';
import { checkProse, UNVERIFIED_MARK } from '../../src/verify/check-prose.js';
import { extractNumbers } from '../../src/verify/numbers.js';
import { verifyAnswer, verifyReview } from '../../src/verify/verify-review.js';

/** The prose check (what review.md shows, what --strict removes) and the verification report must give one verdict. */
const paper = (key: string, abstract: string): Paper => ({ id: `p-${key}`, key, title: `Title of ${key}`, titleDerived: false, abstract, authors: [], sources: [] });
const papers = [
  paper('qwen', 'We fine-tune Qwen2.5-7B-Instruct and report Rank-1 accuracy on MATH-500, with a 2x speedup.'),
  paper('kv', 'KeepKV improves throughput by 2x with 10% KV cache budgets (see Table 3).'),
];
const draft = (body: string): ReviewDraft => ({ title: 'A review', overview: '', sections: [{ categoryId: 'c1', heading: 'H', body }], openProblems: '', engine: 'model' });

function verdicts(sentence: string): { prose: 'kept' | 'marked'; strict: 'kept' | 'removed'; report: 'found' | 'not found' } {
  const marked = checkProse(draft(sentence), papers, { strict: false, uncitedNumbers: true });
  const strict = checkProse(draft(sentence), papers, { strict: true, uncitedNumbers: true });
  const { report } = verifyReview({ markdown: `${sentence}\n`, papers, annotations: [] });
  const unsupported = report.numbers.filter((n) => !n.found).length + report.uncitedNumbers.length;
  return {
    prose: marked.draft.sections[0]!.body.includes(UNVERIFIED_MARK) ? 'marked' : 'kept',
    strict: strict.draft.sections[0]!.body === '' ? 'removed' : 'kept',
    report: unsupported > 0 ? 'not found' : 'found',
  };
}

const SUPPORTED = { prose: 'kept', strict: 'kept', report: 'found' };
const UNSUPPORTED = { prose: 'marked', strict: 'removed', report: 'not found' };

describe('one number rule for the prose check and the verification report', () => {
  it('"500 problems of MATH" citing an abstract that says MATH-500: supported in both', () => {
    expect(verdicts('Accuracy is reported on 500 problems of MATH [@qwen].')).toEqual(SUPPORTED);
    expect(verdicts('Accuracy is reported on 600 problems of MATH [@qwen].')).toEqual(UNSUPPORTED);
  });

  it.each([
    ['a number the cited abstract holds', 'Throughput doubles, a 2x gain [@kv].', SUPPORTED],
    ['a number of a token in the title or abstract', 'A 7B model is fine-tuned [@qwen].', SUPPORTED],
    ['a number the cited abstract does not hold', 'Throughput rises 3x [@kv].', UNSUPPORTED],
    ['a number held only by a paper not cited', 'Rank 1 accuracy is reported [@kv].', UNSUPPORTED],
    ['a locator in the citation', 'KeepKV keeps attention consistent [@kv, p. 12].', SUPPORTED],
    ['fullwidth digits the abstract holds', 'Throughput rises ２x [@kv].', SUPPORTED],
  ])('%s: one verdict', (_name, sentence, expected) => {
    expect(verdicts(sentence)).toEqual(expected);
  });
});

describe('numbers are numbers in any script and wherever they stand', () => {
  it.each([
    ['fullwidth', 'Throughput rises ９９x [@kv].', '99x'],
    ['mathematical digits', 'Throughput rises by 𝟗𝟗 points [@kv].', '99'],
    ['Arabic-Indic digits', 'The cache shrinks by ٩٩% [@kv].', '99%'],
    ['Devanagari digits', 'Throughput rises ९७x [@kv].', '97x'],
    ['inline code', 'Throughput rises `98x` [@kv].', '98x'],
    ['inside the citation group', 'Throughput rises [@kv, 97x faster].', '97x'],
    ['inside a citation group with a locator', 'Throughput rises [see @kv, p. 4, 96x faster].', '96x'],
  ])('%s: unsupported, marked in review.md, removed by --strict, not found in verification.json', (_name, sentence, number) => {
    expect(verdicts(sentence)).toEqual(UNSUPPORTED);
    const { findings } = checkProse(draft(sentence), papers, { strict: false, uncitedNumbers: true });
    expect(findings[0]!.numbers).toEqual([number]);
  });

  it('in ask and chat answers too', () => {
    for (const answer of ['KeepKV is ９９x faster [@kv].', 'KeepKV is fast [@kv, 97x faster].', 'KeepKV is `98x` faster [@kv].', 'KeepKV is 𝟗𝟗x faster [@kv].']) {
      expect(verifyAnswer(answer, papers).report.summary, answer).toMatchObject({ numbersChecked: 1, numbersUnsupported: 1 });
    }
    expect(verifyAnswer('KeepKV is ２x faster [@kv, p. 3].', papers).report.summary).toMatchObject({ numbersChecked: 1, numbersUnsupported: 0 });
  });

  it('superscripts and fractions keep their meaning: 10⁴ is not 104, ½ is not 1 and 2', () => {
    expect(extractNumbers('10⁴ steps').map((m) => m.value)).toEqual([10]);
    expect(extractNumbers('½ the memory')).toEqual([]);
  });
});

describe('what is not a claim', () => {
  const LOCATORS = ['p. 71', 'p 72', 'pp. 73-74', 'page 75', 'pages 76–77', 'chap. 78', 'chapter 79', 'chapters 80-81', 'sec. 82', 'section 83', 'sections 84 - 85', 'fig. 86', 'figs. 87-88', 'figure 89', 'figures 90',
    'tab. 91', 'tabs. 92', 'table 93', 'tables 94-95', 'eq. 96', 'eqs. 97-98', 'equation 99', 'equations 100', 'vol. 101', 'vols. 102', 'no. 103', 'nos. 104', 'para 105', 'line 106', 'lines 107-108', '§ 109', '§§ 110-111', 'Table 112'];
  it.each(LOCATORS)('the locator "%s" in a citation', (locator) => {
    expect(verdicts(`KeepKV keeps attention consistent [@kv, ${locator}].`)).toEqual(SUPPORTED);
  });
  it('a locator-like word followed by a claim is a claim', () => {
    expect(verdicts('Throughput rises [@kv, p. 97x faster].')).toEqual(UNSUPPORTED);
    expect(verdicts('Throughput rises [@kv, table 96% of the time].')).toEqual(UNSUPPORTED);
    expect(verdicts('Throughput rises [@kv, see fig. 95 times].')).toEqual(UNSUPPORTED);
  });
  it('link targets and URLs are not claims; a link text and doubled backticks are', () => {
    expect(verdicts('The code is [online](https://example.org/v2/99x) [@kv].')).toEqual(SUPPORTED);
    expect(verdicts('The notes are [online](notes/v2/98x.md) [@kv].')).toEqual(SUPPORTED);
    expect(verdicts('The code is at https://example.org/99x/ [@kv].')).toEqual(SUPPORTED);
    expect(verdicts('The code is at http://example.org/99x [@kv].')).toEqual(SUPPORTED);
    expect(verdicts('The code is [99x faster](https://example.org) [@kv].')).toEqual(UNSUPPORTED);
    expect(verdicts('Throughput rises ``98x`` [@kv].')).toEqual(UNSUPPORTED);
  });
});
