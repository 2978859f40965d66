import type { Paper } from '../corpus/paper.js';
import type { Annotation } from '../review/annotation.js';
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
  const plain = normalizeWhitespace(abstract);
  if (plain.includes(q)) return q;
  const shown = escapeUntrusted(plain);
  const at = shown.indexOf(q);
  return at < 0 ? null : plain.slice(at, at + q.length);
}

/** Check every claim quote of every successful annotation against its paper's abstract. */
export function checkQuotes(papers: readonly Paper[], annotations: readonly Annotation[]): QuoteCheck[] {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const checks: QuoteCheck[] = [];
  for (const a of annotations) {
    if (a.status !== 'ok') continue;
    const paper = byId.get(a.paperId);
    for (const claim of a.claims) {
      checks.push({
        paperId: a.paperId,
        key: paper?.key ?? '',
        quote: claim.quote,
        verbatim: paper !== undefined && isVerbatim(claim.quote, paper.abstract),
      });
    }
  }
  return checks;
}
