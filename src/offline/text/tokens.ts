import { memoWords } from '../../text/memo-words.js';
import { isStopWord } from './stop-words.js';

/** A word of a text with its place and lower-cased form (callers stem what they need: most tokens never are). */
export interface Token {
  surface: string;
  lower: string;
  start: number;
  end: number;
  /** Punctuation (not just spaces) separates this token from the previous one. */
  breakBefore: boolean;
}

const WORD = /[A-Za-z0-9](?:[A-Za-z0-9'’]|-(?=[A-Za-z0-9]))*/g;

/** Words that end in -s or -ies without being plurals. */
const NOT_PLURAL = new Set(['series', 'species', 'news', 'bias', 'gas', 'lens', 'chaos', 'atlas', 'thesis', 'corpus']);

/**
 * A light, deterministic stemmer: plural endings only (`caches` → `cache`, `strategies` →
 * `strategy`). Enough to merge singular and plural; it never changes acronyms or words with digits.
 */
export const stem: (word: string) => string = memoWords(stemUncached);

function stemUncached(word: string): string {
  const w = word.toLowerCase().replace(/['’]s$/, '');
  if (!/^[a-z-]+$/.test(w) || w.length <= 3 || NOT_PLURAL.has(w)) return w;
  if (/(?:ss|us|is|ous|ics)$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

/** Blank out LaTeX commands and math delimiters, keeping offsets (`$\pm i$` gives no words). */
function maskLatex(text: string): string {
  return text.replace(/\\[A-Za-z]+|[$^_{}]/g, (m) => ' '.repeat(m.length));
}

/** The words of `text`, in order, with offsets into the original text. */
export function wordTokens(text: string): Token[] {
  const masked = maskLatex(text);
  const tokens: Token[] = [];
  let prevEnd = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(masked); m !== null; m = WORD.exec(masked)) {
    const between = masked.slice(prevEnd, m.index);
    const surface = text.slice(m.index, m.index + m[0].length);
    tokens.push({
      surface,
      lower: surface.toLowerCase(),
      start: m.index,
      end: m.index + m[0].length,
      breakBefore: tokens.length === 0 || /[^\s]/.test(between),
    });
    prevEnd = m.index + m[0].length;
  }
  return tokens;
}

/** A content word: not a stop word, not a bare number, at least two characters. */
export function isContentWord(lower: string): boolean {
  return lower.length >= 2 && !isStopWord(lower) && !/^[\d.,-]+$/.test(lower);
}

/**
 * Index terms of a text: stems of content words (hyphenated words split into their parts, so
 * `long-context` matches `long context`), bigrams and trigrams of adjacent content words, and
 * compounds such as `chain-of-thought` as terms of their own.
 */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  // The last two content stems before this one, in order ('' when the run is shorter).
  let first = '';
  let second = '';
  for (const token of wordTokens(text)) {
    if (token.breakBefore) first = second = '';
    const parts = token.lower.includes('-') ? token.lower.split('-') : [token.lower];
    if (parts.length >= 3 || (parts.length === 2 && parts.some((p) => !contentWord(p)) && parts.some(contentWord))) {
      out.push(parts.map(stem).join(' '));
    }
    for (const part of parts) {
      if (!contentWord(part)) {
        first = second = '';
        continue;
      }
      const s = stem(part);
      out.push(s);
      if (second) out.push(`${second} ${s}`);
      if (first) out.push(`${first} ${second} ${s}`);
      first = second;
      second = s;
    }
  }
  return out;
}

/** `isContentWord`, memoised. */
const contentWord = memoWords(isContentWord);
