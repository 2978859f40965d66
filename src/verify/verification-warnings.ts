import { UNVERIFIED_MARK } from './check-prose.js';
import type { VerificationReport } from './verification-report.js';

/** Warnings listed per kind; the rest are counted (every item is in verification.json). */
const MAX_WARNINGS = 10;
const SENTENCE_CHARS = 160;

/**
 * What verification changed or distrusts, one warning line each, naming what a reader looks for: the citation key
 * removed and the number not found, each with its sentence.
 */
export function verificationWarnings(report: VerificationReport): string[] {
  const lines: string[] = [];
  const listed = <T>(items: T[], line: (item: T) => string, what: string) => {
    for (const item of items.slice(0, MAX_WARNINGS)) lines.push(line(item));
    if (items.length > MAX_WARNINGS) lines.push(`… and ${items.length - MAX_WARNINGS} more ${what} (see verification.json)`);
  };
  listed(report.dangling, (d) => `removed the citation of "${d.key}" (no corpus paper has that key) from: "${excerpt(d.sentence)}"`, 'citations removed');
  const proseSentences = new Set((report.prose ?? []).map((f) => f.sentence.trim()));
  const numbers = report.numbers.filter((n) => !n.found && !proseSentences.has(n.sentence.replace(` ${UNVERIFIED_MARK}`, '').trim()));
  listed(
    numbers,
    (n) => `number ${n.number} not found in the abstracts of ${n.citedKeys.join(', ')}, cited by: "${excerpt(n.sentence)}"`,
    'numbers not found',
  );
  const prose = (report.prose ?? []).filter((f) => f.numbers.length > 0);
  listed(prose, (f) => `${f.action} a sentence with ${f.numbers.join(', ')} (${f.reason}): "${excerpt(f.sentence)}"`, 'sentences with numbers not found');
  return lines;
}

function excerpt(sentence: string): string {
  const one = sentence.replace(/\s+/g, ' ').trim();
  return one.length > SENTENCE_CHARS ? `${one.slice(0, SENTENCE_CHARS - 1)}…` : one;
}
