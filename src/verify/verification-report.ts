import type { ProseFinding } from './check-prose.js';
import type { VerificationSummary } from './verification-summary.js';

/** A citation whose key matches no corpus paper; it was removed from the text. */
export interface DanglingCitation {
  key: string;
  /** The sentence (or table row) it was cited in, as written. */
  sentence: string;
  line: number;
}

/** One number in a citing sentence, checked against the abstracts of the papers the sentence cites. */
export interface NumberCheck {
  number: string;
  sentence: string;
  line: number;
  citedKeys: string[];
  found: boolean;
  /** Cited papers whose abstract holds the number. */
  foundIn: string[];
  /** When not found: other corpus papers (not cited here) whose abstract holds it (at most 5). */
  alsoIn: string[];
}

/** A number in a sentence without citations: information, not a failure. */
export interface UncitedNumber {
  number: string;
  sentence: string;
  line: number;
}

/** One claim quote of one annotation, checked against its paper's abstract. */
export interface QuoteCheck {
  paperId: string;
  key: string;
  quote: string;
  verbatim: boolean;
  /** A quotation in the review's prose (absent for claim quotes): its line and sentence. */
  line?: number;
  sentence?: string;
}

/** Everything verification checked: the counts plus every item. */
export interface VerificationReport {
  summary: VerificationSummary;
  /** Cited keys that resolved, with how often each was cited, in order of first citation. */
  resolved: { key: string; count: number }[];
  dangling: DanglingCitation[];
  numbers: NumberCheck[];
  uncitedNumbers: UncitedNumber[];
  quotes: QuoteCheck[];
  /** Sentences of the prose marked or removed before rendering (present only when some were). */
  prose?: ProseFinding[];
}

/** True when nothing failed: no dangling citation, no unsupported number, no non-verbatim quote, no sentence marked or removed. */
export function verificationPassed(summary: VerificationSummary): boolean {
  return (
    summary.danglingRemoved === 0 &&
    summary.numbersUnsupported === 0 &&
    summary.quotesNotVerbatim === 0 &&
    !summary.sentencesMarked &&
    !summary.sentencesRemoved
  );
}
