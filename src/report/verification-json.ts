import { chunkLines } from './chunk-lines.js';
import { verificationPassed, type VerificationReport } from '../verify/verification-report.js';

/** Quote checks verification.json holds inline; past this, they go to verification-quotes.jsonl. */
export const MAX_INLINE_QUOTES = 5000;
export const QUOTES_JSONL = 'verification-quotes.jsonl';

/** verification.json: whether everything checked out, the counts, and every item checked. */
export function renderVerificationJson(report: VerificationReport): string {
  return `${JSON.stringify({ passed: verificationPassed(report.summary), ...report }, null, 2)}\n`;
}

/**
 * The verification files. Up to MAX_INLINE_QUOTES quote checks, verification.json alone (as
 * always). A large corpus has one quote check per claim of every paper: then verification.json
 * keeps the summary, the checks of the review's text and the quotes that failed, and every quote
 * check is one line of verification-quotes.jsonl (the file named in verification.json).
 */
export function renderVerificationFiles(report: VerificationReport): Record<string, string | Iterable<string>> {
  if (report.quotes.length <= MAX_INLINE_QUOTES) return { 'verification.json': renderVerificationJson(report) };
  const { quotes, ...rest } = report;
  const doc = {
    passed: verificationPassed(report.summary),
    ...rest,
    quotes: quotes.filter((q) => !q.verbatim),
    quotesFile: { file: QUOTES_JSONL, lines: quotes.length, note: 'every quote check, one JSON object per line; "quotes" above lists only those not verbatim' },
  };
  return { 'verification.json': `${JSON.stringify(doc, null, 2)}\n`, [QUOTES_JSONL]: chunkLines(quotes, (q) => `${JSON.stringify(q)}\n`) };
}
