/**
 * Sentence splitting for abstracts and review prose. Every sentence is returned with its offsets,
 * so `text.slice(start, end)` is the sentence exactly (quotes stay verbatim substrings).
 */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/** Words that end with a period without ending the sentence. */
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'al', 'vs', 'cf', 'fig', 'figs', 'eq', 'eqs', 'sec', 'no', 'nos', 'approx', 'resp', 'dr', 'mr', 'mrs',
  'ms', 'prof', 'st', 'jr', 'inc', 'ltd', 'ref', 'refs', 'vol', 'pp', 'ca', 'viz', 'esp', 'incl', 'w.r.t', 'a.k.a', 'u.s',
]);

/**
 * Candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace; or a
 * period glued between two words ("them.We", as scraped abstracts have).
 */
const BOUNDARY = /[.!?]+["'”’)\]]*\s+|(?<=[a-z]{2})\.(?=[A-Z][a-z])/g;

function wordBefore(text: string, dot: number): string {
  const m = /([A-Za-z][A-Za-z.]*)$/.exec(text.slice(Math.max(0, dot - 12), dot));
  return m ? m[1]!.toLowerCase() : '';
}

function startsSentence(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Z0-9"'“‘(\[$\\*_`]/.test(ch);
}

function isBoundary(text: string, match: RegExpExecArray): boolean {
  const punct = match.index;
  const after = match.index + match[0].length;
  const next = text[after];
  if (!startsSentence(next) && !/^[a-z]+[A-Z]/.test(text.slice(after, after + 12))) return false;
  if (insideCitation(text, punct)) return false;
  if (text[punct] !== '.') return true;
  const word = wordBefore(text, punct);
  if (ABBREVIATIONS.has(word)) return false;
  return !isInitial(text, punct, word);
}

/** Inside a citation group (`[see @key, p. 3]`): its locator's period ends no sentence. */
function insideCitation(text: string, at: number): boolean {
  const open = text.lastIndexOf('[', at);
  if (open < 0 || text.lastIndexOf(']', at) > open) return false;
  const close = text.indexOf(']', at);
  return close >= 0 && text.slice(open, close).includes('@') && !text.slice(open + 1, close).includes('[');
}

/** An initial ("J. Smith", "A. B. Smith"): one capital letter after a capitalised word or another initial. */
function isInitial(text: string, punct: number, word: string): boolean {
  if (!/^[a-z]$/.test(word) || !/[A-Z]/.test(text[punct - 1] ?? '')) return false;
  const before = text.slice(Math.max(0, punct - 30), punct - 1);
  return before.trim() === '' || /(?:^|\s)(?:[A-Z][\w'’-]*|[A-Z]\.)\s$/.test(before);
}

function trimmedSpan(text: string, start: number, end: number): SentenceSpan | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { text: text.slice(start, end), start, end } : null;
}

/** Split prose into sentences, keeping exact offsets into `text`. */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m !== null; m = BOUNDARY.exec(text)) {
    if (!isBoundary(text, m)) continue;
    const end = m.index + m[0].trimEnd().length;
    const span = trimmedSpan(text, start, end);
    if (span) spans.push(span);
    start = m.index + m[0].length;
  }
  const last = trimmedSpan(text, start, text.length);
  if (last) spans.push(last);
  return spans;
}
