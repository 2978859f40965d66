import { cleanHtml } from './html.js';
import { decodeLatex } from './latex.js';

const NEEDS_HTML = /[&<]/;
const NON_ASCII = /[^\x00-\x7f]/;
/** Anything but printable ASCII and ordinary whitespace: the slow path is only taken for such text. */
const UNUSUAL = /[^\x09-\x0d\x20-\x7e]/;
/**
 * Zero-width characters, soft hyphens, C0 and C1 control characters (U+0080-U+009F: U+009B is a one-byte
 * CSI to a terminal) and bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069,
 * which can make a title read differently from what it holds): dropped.
 */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069]|[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;
const DOTLESS_ACCENTED = /[ıȷ](?=[\u0300-\u036f])/g;
/** JavaScript's `\s` covers the Unicode spaces too (no-break, thin, ideographic, ...). */
const SPACES = /\s+/g;
const UNTIDY = /\s\s|[^\S ]|^\s|\s$/;

/**
 * Normalise a title or abstract: markup tags and HTML entities, LaTeX, invisible and control characters
 * (C0, C1, bidi overrides), Unicode composition (NFC) and whitespace (collapsed to single spaces, trimmed).
 */
export function cleanText(value: string): string {
  let s = value;
  if (NEEDS_HTML.test(s)) s = cleanHtml(s);
  s = decodeLatex(s);
  if (UNUSUAL.test(s)) {
    s = s.replace(INVISIBLE, '');
    if (NON_ASCII.test(s)) s = s.replace(DOTLESS_ACCENTED, (c) => (c === 'ı' ? 'i' : 'j')).normalize('NFC');
  }
  return collapseSpaces(s);
}

/** Collapse every run of whitespace (Unicode spaces included) to one space and trim. */
export function collapseSpaces(s: string): string {
  return UNTIDY.test(s) ? s.replace(SPACES, ' ').trim() : s;
}

/**
 * The matching form of a text: diacritics folded, lower-cased, everything but letters and digits removed.
 * `{T}he {\"O}ptimal  Cache!` and `the optimal cache` give the same key.
 */
export function matchKey(s: string): string {
  if (!NON_ASCII.test(s)) return s.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
