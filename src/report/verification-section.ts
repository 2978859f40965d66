import type { VerificationReport } from '../verify/verification-report.js';

/** Items listed per kind in review.md; the rest are in verification.json. */
const MAX_LISTED = 20;

/**
 * The closing section of review.md: what verification checked and every problem it found, so a
 * reader sees which sentences to distrust without opening verification.json. Deterministic.
 */
export function renderVerificationSection(report: VerificationReport): string {
  const s = report.summary;
  const lines = [
    '## Verification',
    '',
    `Checked without a model: ${count(s.citations, 'citation')} checked against the corpus (${count(s.danglingRemoved, 'unknown key')} removed); ` +
      `${count(s.numbersChecked, 'number')} in citing sentences looked up in the cited papers (${s.numbersUnsupported} not found); ` +
      `${count(s.quotesChecked, 'quote')} (claim quotes and quotations in the text) compared with the abstracts (${s.quotesNotVerbatim} not verbatim).`,
  ];
  const unsupported = report.numbers.filter((n) => !n.found);
  if (unsupported.length > 0) {
    lines.push('', 'Numbers not found in the papers their sentence cites:', '');
    for (const n of unsupported.slice(0, MAX_LISTED)) {
      const elsewhere = n.alsoIn.length > 0 ? `; it appears in ${n.alsoIn.map((k) => `@${k}`).join(', ')}` : '';
      lines.push(`- line ${n.line}: "${n.number}" (cites ${n.citedKeys.map((k) => `@${k}`).join(', ')}${elsewhere})`);
    }
    more(lines, unsupported.length);
  }
  if (report.dangling.length > 0) {
    lines.push('', 'Citations removed because no corpus paper has the key:', '');
    for (const d of report.dangling.slice(0, MAX_LISTED)) lines.push(`- ${d.key}${d.line > 0 ? ` (line ${d.line})` : ''}`);
    more(lines, report.dangling.length);
  }
  const paraphrased = report.quotes.filter((q) => !q.verbatim);
  if (paraphrased.length > 0) {
    lines.push('', 'Quotes that are not verbatim in their abstract:', '');
    for (const q of paraphrased.slice(0, MAX_LISTED)) {
      lines.push(`- ${q.line !== undefined ? `line ${q.line}, ` : ''}@${q.key}: "${q.quote.replace(/\s+/g, ' ').slice(0, 160)}"`);
    }
    more(lines, paraphrased.length);
  }
  return `${lines.join('\n')}\n`;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function more(lines: string[], total: number): void {
  if (total > MAX_LISTED) lines.push(`- … and ${total - MAX_LISTED} more in verification.json`);
}
