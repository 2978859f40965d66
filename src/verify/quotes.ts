import type { Paper } from '../corpus/paper.js';
import type { Annotation } from '../review/annotation.js';
import type { QuoteCheck } from './verification-report.js';

/** Collapse every run of whitespace to one space and trim. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Is `quote` a substring of `abstract` after whitespace normalisation? An empty quote is not. */
export function isVerbatim(quote: string, abstract: string): boolean {
  const q = normalizeWhitespace(quote);
  return q.length > 0 && normalizeWhitespace(abstract).includes(q);
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
