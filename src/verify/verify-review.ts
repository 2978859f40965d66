import type { Paper } from '../corpus/paper.js';
import type { Annotation } from '../review/annotation.js';
import { citedKeys, removeUnknownCitations } from './citation-keys.js';
import { claimNumbers } from './claim-text.js';
import { numberSupported, paperNumbers, type NumberMention } from './numbers.js';
import { checkProseQuotes } from './prose-quotes.js';
import { checkQuotes } from './quotes.js';
import { reviewUnits, type ReviewUnit } from './review-units.js';
import type { DanglingCitation, NumberCheck, QuoteCheck, UncitedNumber, VerificationReport } from './verification-report.js';


interface CorpusIndex {
  known: Set<string>;
  byKey: Map<string, Paper>;
  pools: Map<string, NumberMention[]>;
  keysInOrder: string[];
}

function indexCorpus(papers: readonly Paper[]): CorpusIndex {
  const byKey = new Map(papers.map((p) => [p.key, p]));
  return { known: new Set(byKey.keys()), byKey, pools: new Map(), keysInOrder: papers.map((p) => p.key) };
}

/** The numbers of a paper (paperNumbers), extracted when first needed (a review cites a few hundred of 100,000 papers). */
function numberPool(index: CorpusIndex, key: string): NumberMention[] {
  let pool = index.pools.get(key);
  if (!pool) {
    const p = index.byKey.get(key);
    pool = p ? paperNumbers(p) : [];
    index.pools.set(key, pool);
  }
  return pool;
}

function checkNumber(mention: NumberMention, unit: ReviewUnit, cited: string[], index: CorpusIndex): NumberCheck {
  const supports = (key: string): boolean => numberSupported(mention, numberPool(index, key));
  const foundIn = cited.filter(supports);
  const alsoIn = foundIn.length > 0 ? [] : index.keysInOrder.filter((k) => !cited.includes(k) && supports(k)).slice(0, 5);
  return { number: mention.raw, sentence: unit.text, line: unit.line, citedKeys: cited, found: foundIn.length > 0, foundIn, alsoIn };
}

interface TextChecks {
  markdown: string;
  resolved: { key: string; count: number }[];
  dangling: DanglingCitation[];
  numbers: NumberCheck[];
  uncitedNumbers: UncitedNumber[];
  proseQuotes: QuoteCheck[];
  citations: number;
}

function checkText(markdown: string, papers: readonly Paper[]): TextChecks {
  const index = indexCorpus(papers);
  const counts = new Map<string, number>();
  const dangling: DanglingCitation[] = [];
  const numbers: NumberCheck[] = [];
  const uncitedNumbers: UncitedNumber[] = [];
  const proseQuotes: QuoteCheck[] = [];
  for (const unit of reviewUnits(markdown)) {
    const keys = citedKeys(unit.text);
    for (const key of keys) {
      if (index.known.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
      else dangling.push({ key, sentence: unit.text, line: unit.line });
    }
    const cited = [...new Set(keys.filter((k) => index.known.has(k)))];
    proseQuotes.push(...checkProseQuotes(unit, cited.map((k) => index.byKey.get(k)!)));
    for (const mention of claimNumbers(unit.text)) {
      if (cited.length === 0) uncitedNumbers.push({ number: mention.raw, sentence: unit.text, line: unit.line });
      else numbers.push(checkNumber(mention, unit, cited, index));
    }
  }
  const { text, removed } = removeUnknownCitations(markdown, index.known);
  // Citations outside the checked units (headings, for instance) are removed too; list them.
  const listed = dangling.map((d) => d.key);
  for (const key of removed) {
    const at = listed.indexOf(key);
    if (at >= 0) listed.splice(at, 1);
    else dangling.push({ key, sentence: '', line: 0 });
  }
  const resolved = [...counts].map(([key, count]) => ({ key, count }));
  const citations = citedKeys(markdown).length;
  return { markdown: text, resolved, dangling, numbers, uncitedNumbers, proseQuotes, citations };
}

/**
 * Verify a written review with no model: (1) every `[@key]` resolves to a corpus paper, a dangling
 * one is removed from the text and listed; (2) every number in a citing sentence is found in the
 * abstract of a paper that sentence cites (numbers of uncited sentences are listed apart);
 * (3) every claim quote of every annotation is a substring of its paper's abstract after
 * whitespace normalisation. Returns the cleaned Markdown and the full report.
 */
export function verifyReview(input: { markdown: string; papers: Paper[]; annotations: Annotation[]; quoteChecks?: QuoteCheck[] }): {
  markdown: string;
  report: VerificationReport;
} {
  const t = checkText(input.markdown, input.papers);
  // The claim quote checks may come precomputed (the verify stage runs them cooperatively).
  const quotes = [...(input.quoteChecks ?? checkQuotes(input.papers, input.annotations)), ...t.proseQuotes];
  return {
    markdown: t.markdown,
    report: {
      summary: {
        citations: t.citations,
        danglingRemoved: t.dangling.length,
        numbersChecked: t.numbers.length,
        numbersUnsupported: t.numbers.filter((n) => !n.found).length,
        quotesChecked: quotes.length,
        quotesNotVerbatim: quotes.filter((q) => !q.verbatim).length,
      },
      resolved: t.resolved,
      dangling: t.dangling,
      numbers: t.numbers,
      uncitedNumbers: t.uncitedNumbers,
      quotes,
    },
  };
}

/** Verify a Q&A answer: citations and numbers only (no annotations, so no quotes). */
export function verifyAnswer(text: string, papers: Paper[]): { text: string; report: VerificationReport } {
  const { markdown, report } = verifyReview({ markdown: text, papers, annotations: [] });
  return { text: markdown, report };
}
