import { surname } from './authors.js';

const STOPWORDS = new Set([
  'a', 'an', 'the', 'of', 'on', 'in', 'for', 'to', 'and', 'or', 'with', 'without', 'via', 'from', 'by', 'at', 'as',
  'is', 'are', 'be', 'can', 'do', 'does', 'what', 'how', 'why', 'when', 'where', 'which', 'who', 'we', 'our', 'its',
  'it', 'this', 'that', 'these', 'those', 'into', 'towards', 'toward', 'using', 'use', 'not', 'all', 'you', 'your',
  'no', 'need', 'about', 'over', 'under', 'between', 'through', 'than', 'more', 'less', 'new', 'based', 'study',
]);

interface KeySource {
  title: string;
  authors: readonly string[];
  year?: number;
}

/** ASCII, lower case, letters and digits only (`Müller` -> `muller`). */
export function asciiWord(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæøœłđ]/g, (c) => ({ ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd' })[c] ?? c)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Significant words of a title, in ASCII form (`KV-Edit: Training-Free ...` -> kv, edit, training, free, ...). */
export function titleWords(title: string): string[] {
  return title
    .split(/[^\p{L}\p{N}]+/u)
    .map(asciiWord)
    .filter((w) => w !== '' && !STOPWORDS.has(w) && !/^\d+$/.test(w));
}

/** Words too common in titles to tell papers apart: a key takes them only when a title has nothing else. */
const GENERIC = new Set([
  'efficient', 'efficiently', 'large', 'language', 'languages', 'model', 'models', 'llm', 'llms', 'learning', 'neural', 'deep',
  'network', 'networks', 'approach', 'method', 'methods', 'framework', 'analysis', 'improving', 'improved', 'improve',
  'scalable', 'fast', 'faster', 'simple', 'robust', 'novel', 'effective', 'beyond', 'rethinking', 'revisiting', 'understanding',
  'exploring', 'unified', 'general', 'towards', 'better', 'making', 'make', 'one', 'two', 'via', 'enhancing', 'boosting',
  'leveraging', 'efficiency', 'generative', 'training', 'inference', 'data', 'task', 'tasks', 'survey', 'benchmark',
]);
/** A word in a key is cut to this many characters. */
const WORD_CHARS = 16;
/** Title words a key may add, one at a time, to tell apart papers whose shorter key is taken. */
const EXTRA_WORDS = 2;

/**
 * One word of a key from a title word: a short compound whole (`KV-Edit` -> kvedit, `16-Bit` -> 16bit), a long one
 * by its first part (`Retrieval-Augmented` -> retrieval).
 */
function compound(word: string): string {
  const parts = word.split('-').map(asciiWord).filter((w) => w !== '');
  const whole = parts.join('');
  if (whole.length <= 12 || parts[0]!.length < 4 || /^\d+$/.test(parts[0]!)) return whole.slice(0, WORD_CHARS);
  return parts[0]!.slice(0, WORD_CHARS);
}

/**
 * The words a key is made of, most distinctive first: a title's significant words with compounds kept whole
 * (`KV-Edit` -> kvedit, `16-Bit` -> 16bit; `Retrieval-Augmented` -> retrieval), each once, the generic ones (`efficient`, `models`) after the others.
 */
export function keyWords(title: string): string[] {
  const words = title
    .split(/[^\p{L}\p{N}-]+/u)
    .map(compound)
    .filter((w) => w !== '' && !STOPWORDS.has(w) && !/^\d+$/.test(w));
  const unique = [...new Set(words)];
  return [...unique.filter((w) => !GENERIC.has(w)), ...unique.filter((w) => GENERIC.has(w))];
}

/**
 * Readable citation keys for a paper, shortest first; assignKeys takes the first one free. The first is
 * `zhang2024h2o` (first author's surname, year, first distinctive title word) when an author is known
 * (`zhang-h2o` without a year), else `kvcache2024` / `kv-cache` from two title words (one when they are
 * long: `kvedit2025`); the next ones add
 * one more title word each (`zhang2024h2o-heavyhitter`), so papers that share the short key stay readable
 * apart. Only `[a-z0-9-]`, so every key is a valid pandoc citation key. Empty when the title has no usable
 * (Latin) word and no author is known.
 */
export function keyCandidates(p: KeySource): string[] {
  const words = keyWords(p.title);
  const author = p.authors[0] ? asciiWord(surname(p.authors[0])).slice(0, WORD_CHARS) : '';
  const year = p.year !== undefined ? String(p.year) : '';
  let base: string;
  let used: number;
  if (author) {
    const word = words[0] ?? '';
    base = year ? `${author}${year}${word}` : [author, word].filter(Boolean).join('-');
    used = word ? 1 : 0;
  } else {
    // With a year, two words run together only while short (`kvcache2024`, `kvedit2025`); else hyphenated.
    const two = words.slice(0, year && words.slice(0, 2).join('').length > 12 ? 1 : 2);
    if (two.length === 0) return year ? [`paper${year}`] : [];
    base = year ? `${two.join('')}${year}` : two.join('-');
    used = two.length;
  }
  const keys = [base];
  for (const word of words.slice(used, used + EXTRA_WORDS)) keys.push(`${keys[keys.length - 1]}-${word}`);
  return keys;
}

/** The first (shortest) readable key of a paper (see keyCandidates). */
export function baseKey(p: KeySource): string {
  return keyCandidates(p)[0] ?? '';
}

/** The n-th variant (n >= 1) of a key that is taken: `kvedit2025` -> `kvedit2025a`, `kvedit2025b`...; `kv-edit` -> `kv-edit-2`... */
export function keyVariant(base: string, n: number): string {
  return /\d$/.test(base) ? `${base}${letters(n)}` : `${base}-${n + 1}`;
}

function letters(n: number): string {
  let s = '';
  let k = n;
  while (k > 0) {
    k--;
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26);
  }
  return s;
}

/**
 * A user key litrev can cite and write as it is: ASCII letters, digits and `_ : . + -`, starting and ending with a
 * letter, digit or `_`, no `..` (pandoc's `[@key]`, bibtex, biber and pybtex all accept it; it is never path-like).
 */
export function isSafeCitationKey(key: string): boolean {
  return /^[A-Za-z0-9_](?:[A-Za-z0-9_:.+-]*[A-Za-z0-9_])?$/.test(key) && !key.includes('..') && key.length <= 100;
}
