import { plural } from '../format/numbers.js';

/** What the verify stage found, in counts. */
export interface VerificationSummary {
  citations: number;
  danglingRemoved: number;
  numbersChecked: number;
  numbersUnsupported: number;
  quotesChecked: number;
  quotesNotVerbatim: number;
  /** Sentences of the prose marked as unverified where they stand (present only when some were). */
  sentencesMarked?: number;
  /** Sentences removed: left broken by an invented key, or (--strict) with an unsupported number (present only when some were). */
  sentencesRemoved?: number;
}

/** One line: what the verification found. */
export function formatVerification(v: VerificationSummary): string {
  return [
    `${plural(v.citations, 'citation')} checked (${v.danglingRemoved} unknown removed)`,
    `${plural(v.numbersChecked, 'number')} (${v.numbersUnsupported} unsupported)`,
    `${plural(v.quotesChecked, 'quote')} (${v.quotesNotVerbatim} not verbatim)`,
    ...(v.sentencesMarked || v.sentencesRemoved ? [`${plural(v.sentencesMarked ?? 0, 'sentence')} marked unverified, ${v.sentencesRemoved ?? 0} removed`] : []),
  ].join(', ');
}
