import { markdownInline } from '../format/markdown-text.js';
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
      lines.push(`- line ${n.line}: "${markdownInline(n.number)}" (cites ${n.citedKeys.map((k) => `@${k}`).join(', ')}${elsewhere}) in "${sentenceOf(n.sentence)}"`);
    }
    more(lines, unsupported.length);
  }
  if (report.dangling.length > 0) {
    lines.push('', 'Citations removed because no corpus paper has the key:', '');
    for (const d of report.dangling.slice(0, MAX_LISTED)) {
      lines.push(`- ${markdownInline(d.key)}${d.line > 0 ? ` (line ${d.line})` : ''}${d.sentence.trim() ? ` in "${sentenceOf(d.sentence)}"` : ''}`);
    }
    more(lines, report.dangling.length);
  }
  const marked = (report.prose ?? []).filter((f) => f.action === 'marked');
  if (marked.length > 0) {
    lines.push('', 'Sentences marked as unverified (a number no cited abstract supports):', '');
    for (const f of marked.slice(0, MAX_LISTED)) lines.push(`- ${markdownInline(f.numbers.join(', '))}: ${markdownInline(f.reason)}`);
    more(lines, marked.length);
  }
  const removed = (report.prose ?? []).filter((f) => f.action === 'removed');
  if (removed.length > 0) {
    lines.push('', 'Sentences removed from the draft:', '');
    for (const f of removed.slice(0, MAX_LISTED)) lines.push(`- "${markdownInline(uncited(f.sentence)).slice(0, 200)}": ${markdownInline(f.reason)}`);
    more(lines, removed.length);
  }
  const paraphrased = report.quotes.filter((q) => !q.verbatim);
  if (paraphrased.length > 0) {
    lines.push('', 'Quotes that are not verbatim in their abstract:', '');
    for (const q of paraphrased.slice(0, MAX_LISTED)) {
      lines.push(`- ${q.line !== undefined ? `line ${q.line}, ` : ''}@${q.key}: "${markdownInline(q.quote).slice(0, 160)}"`);
    }
    more(lines, paraphrased.length);
  }
  return `${lines.join('\n')}\n`;
}

/** A sentence as listed: one line, its citations shown without `@`, at most 200 characters. */
function sentenceOf(sentence: string): string {
  const text = markdownInline(uncited(sentence.replace(/\s+/g, ' ').trim()));
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** A removed sentence as listed: its citations shown as code without `@`, so the list itself cites nothing. */
function uncited(sentence: string): string {
  return sentence.replace(/\[([^\[\]`]*@[^\[\]`]*)\]/g, (_m, inner: string) => `\`${inner.replace(/@/g, '')}\``);
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function more(lines: string[], total: number): void {
  if (total > MAX_LISTED) lines.push(`- … and ${total - MAX_LISTED} more in verification.json`);
}
