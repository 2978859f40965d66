import { porterStem } from './porter-stemmer.js';
import { QUESTION_WORDS, STOP_WORDS } from './stop-words.js';

/** Splits on whitespace and punctuation, keeping letters and digits (any script) together. */
const SPLIT = /[^\p{L}\p{N}]+/u;

/**
 * Stems of tokens already seen. Word frequencies follow Zipf's law, so a bounded memo answers
 * almost every lookup while indexing a large corpus; it is cleared when full.
 */
const memo = new Map<string, string | null>();
const MEMO_LIMIT = 200_000;

/** Tokens of a text, lower-cased, before stop-word removal and stemming. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().split(SPLIT).filter((t) => t.length > 0);
}

/**
 * The index term of one token: null for stop words and one-letter tokens, the Porter stem for
 * ASCII words, the token itself otherwise (numbers, other scripts). Used for documents and
 * queries alike, so both meet on the same terms.
 */
export function indexTerm(token: string): string | null {
  const cached = memo.get(token);
  if (cached !== undefined) return cached;
  const term = token.length < 2 && !/\d/.test(token) ? null : STOP_WORDS.has(token) ? null : porterStem(token);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(token, term);
  return term;
}


/** Distinct index terms of a text, in order of first appearance. */
export function distinctTerms(text: string): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(text)) {
    const term = indexTerm(token);
    if (term !== null) seen.add(term);
  }
  return [...seen];
}

/**
 * The content terms of a question: its index terms without the words every question about a
 * corpus uses ("which papers propose ...").
 */
export function questionTerms(question: string): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(question)) {
    if (QUESTION_WORDS.has(token)) continue;
    const term = indexTerm(token);
    if (term !== null) seen.add(term);
  }
  return [...seen];
}
