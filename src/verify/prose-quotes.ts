import type { Paper } from '../corpus/paper.js';
import { verbatimQuote } from './quotes.js';
import type { ReviewUnit } from './review-units.js';
import type { QuoteCheck } from './verification-report.js';

/** Quotations in prose: “curly” or "straight" double quotes. */
const QUOTATION = /“([^”]+)”|"([^"]+)"/g;
/** Shorter quotations are terms ("attention sink"), not quotes of a source. */
const MIN_WORDS = 4;
const ELLIPSIS = /\s*(?:…|\.\.\.|\[\.\.\.\])\s*/;

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };

/** The text a Markdown renderer shows: backslash escapes (`\<`, `\*`) and the basic HTML entities undone. */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}\[\]()#+\-.!<>|~])/g, '$1').replace(/&(?:lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e]!);
}

/**
 * Quotations in a review sentence that cites papers, checked like claim quotes: verbatim (each part between
 * ellipses) in the abstract or title of a paper the sentence cites, as written or as the model was shown it.
 */
export function checkProseQuotes(unit: ReviewUnit, cited: readonly Paper[]): QuoteCheck[] {
  if (unit.kind !== 'sentence' || cited.length === 0) return [];
  const checks: QuoteCheck[] = [];
  for (const m of unit.text.matchAll(QUOTATION)) {
    const quote = unescapeMarkdown((m[1] ?? m[2] ?? '').trim());
    if (quote.split(/\s+/).length < MIN_WORDS) continue;
    const parts = quote.split(ELLIPSIS).filter((p) => p.trim() !== '');
    const source = cited.find((p) => parts.every((part) => verbatimQuote(part, p.abstract) !== null || verbatimQuote(part, p.title) !== null));
    const paper = source ?? cited[0]!;
    checks.push({ paperId: paper.id, key: paper.key, quote, verbatim: source !== undefined, line: unit.line, sentence: unit.text });
  }
  return checks;
}
