import type { Paper } from '../corpus/paper.js';
import type { Annotation } from '../review/annotation.js';
import { runSteps, type Steps } from '../review/cooperative-loop.js';
import { escapeUntrusted } from '../review/untrusted-text.js';
import type { QuoteCheck } from './verification-report.js';

/** Collapse every run of whitespace to one space and trim. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Is `quote` a substring of `abstract` after whitespace normalisation, as the abstract is written or as the model
 * was shown it (see review/untrusted-text.ts)? An empty quote is not.
 */
export function isVerbatim(quote: string, abstract: string): boolean {
  return verbatimQuote(quote, abstract) !== null;
}

/**
 * The quote as the abstract writes it (whitespace normalised), when it is verbatim in the abstract or in the text
 * the model was shown (`<` shown as `‹`: mapped back, one character for one); null when it is in neither.
 */
export function verbatimQuote(quote: string, abstract: string): string | null {
  const q = normalizeWhitespace(quote);
  if (q.length === 0) return null;
  const source = normalizedSource(abstract);
  if (source.plain.includes(q)) return q;
  source.shown ??= escapeUntrusted(source.plain);
  const at = source.shown.indexOf(q);
  return at < 0 ? null : source.plain.slice(at, at + q.length);
}

/**
 * The last abstract normalised, kept: a paper's quotes are checked one after another, and normalising
 * a whole abstract per quote was most of the verify stage on a large corpus.
 */
let lastSource: { text: string; plain: string; shown?: string } = { text: '', plain: '' };

function normalizedSource(text: string): { plain: string; shown?: string } {
  if (lastSource.text !== text) lastSource = { text, plain: normalizeWhitespace(text) };
  return lastSource;
}

/** Check every claim quote of every successful annotation against its paper's abstract. */
export function checkQuotes(papers: readonly Paper[], annotations: readonly Annotation[]): QuoteCheck[] {
  return runSteps(checkQuotesSteps(papers, annotations));
}

/** The same, as steps (one per annotation), for the verify stage of a large corpus to run cooperatively. */
export function* checkQuotesSteps(papers: readonly Paper[], annotations: readonly Annotation[]): Steps<QuoteCheck[]> {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const checks: QuoteCheck[] = [];
  for (const [i, a] of annotations.entries()) {
    const paper = a.status === 'ok' ? byId.get(a.paperId) : undefined;
    for (const claim of a.status === 'ok' ? a.claims : []) {
      checks.push({
        paperId: a.paperId,
        key: paper?.key ?? '',
        quote: claim.quote,
        verbatim: paper !== undefined && isVerbatim(claim.quote, paper.abstract),
      });
    }
    yield { done: i + 1, total: annotations.length };
  }
  return checks;
}
