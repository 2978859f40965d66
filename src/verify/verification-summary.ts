import { plural } from '../format/numbers.js';

/** What the verify stage found, in counts. */
export interface VerificationSummary {
  citations: number;
  danglingRemoved: number;
  numbersChecked: number;
  numbersUnsupported: number;
  quotesChecked: number;
  quotesNotVerbatim: number;
}

/** One line: what the verification found. */
export function formatVerification(v: VerificationSummary): string {
  return [
    `${plural(v.citations, 'citation')} checked (${v.danglingRemoved} unknown removed)`,
    `${plural(v.numbersChecked, 'number')} (${v.numbersUnsupported} unsupported)`,
    `${plural(v.quotesChecked, 'quote')} (${v.quotesNotVerbatim} not verbatim)`,
  ].join(', ');
}
