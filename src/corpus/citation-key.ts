import { surname } from './authors.js';

const STOPWORDS = new Set([
  'a', 'an', 'the', 'of', 'on', 'in', 'for', 'to', 'and', 'or', 'with', 'without', 'via', 'from', 'by', 'at', 'as',
  'is', 'are', 'be', 'can', 'do', 'does', 'what', 'how', 'why', 'when', 'where', 'which', 'who', 'we', 'our', 'its',
  'it', 'this', 'that', 'these', 'those', 'into', 'towards', 'toward', 'using', 'use', 'not', 'all', 'you', 'your',
  'need', 'about', 'over', 'under', 'between', 'through', 'than', 'more', 'less', 'new', 'based', 'study',
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

/**
 * A readable citation key: `vaswani2017attention` when an author is known (`vaswani-attention` without a
 * year), else `kvedit2025` / `kv-edit` from two title words. Only `[a-z0-9-]`, so every key is a valid
 * pandoc citation key. Empty when the title has no usable (Latin) word and no author is known.
 */
export function baseKey(p: KeySource): string {
  const words = titleWords(p.title);
  const author = p.authors[0] ? asciiWord(surname(p.authors[0])) : '';
  const year = p.year !== undefined ? String(p.year) : '';
  if (author) {
    const word = words[0] ?? '';
    return year ? `${author}${year}${word}` : [author, word].filter(Boolean).join('-');
  }
  const two = words.slice(0, 2);
  if (two.length === 0) return year ? `paper${year}` : '';
  return year ? `${two.join('')}${year}` : two.join('-');
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
