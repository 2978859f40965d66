import { memoWords } from '../../text/memo-words.js';
import { LEADING_WORDS } from './stop-words.js';
import { isContentWord, stem, wordTokens, type Token } from './tokens.js';

/** A candidate key phrase: a run of content words between stop words and punctuation (as in RAKE). */
export interface Phrase {
  /** Normalised form: stems of the words (hyphenated parts split), joined by spaces. */
  key: string;
  /** The phrase as written. */
  surface: string;
  words: number;
}

/** Is a word (hyphenated parts: any of them) a content word and no number? Memoised: asked millions of times. */
const contentLower = memoWords((lower) => lower.split('-').some((part) => isContentWord(part)) && !/^\d/.test(lower));

function contentToken(t: Token): boolean {
  return contentLower(t.lower);
}

/** A token's part of a phrase key: the stems of its hyphenated parts. */
function tokenKey(t: Token): string {
  return t.lower.includes('-') ? t.lower.split('-').map(stem).join(' ') : stem(t.lower);
}

/** Maximal runs of content words not separated by punctuation. */
export function phraseRuns(text: string): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  for (const t of wordTokens(text)) {
    const content = contentToken(t);
    if (t.breakBefore || !content) {
      if (run.length) runs.push(run);
      run = [];
    }
    if (content) run.push(t);
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * Every sub-phrase of 1..maxWords words of every run, except those that start with an evaluative
 * word ("efficient", "novel"...). Duplicates are kept (callers count them).
 */
export function candidatePhrases(text: string, maxWords = 4): Phrase[] {
  const out: Phrase[] = [];
  for (const run of phraseRuns(text)) {
    const keys = run.map(tokenKey);
    for (let i = 0; i < run.length; i++) {
      if (LEADING_WORDS.has(run[i]!.lower)) continue;
      let key = '';
      for (let n = 1; n <= maxWords && i + n <= run.length; n++) {
        key = n === 1 ? keys[i]! : `${key} ${keys[i + n - 1]!}`;
        out.push({ key, surface: text.slice(run[i]!.start, run[i + n - 1]!.end), words: n });
      }
    }
  }
  return out;
}

/** Display form of a phrase: acronyms and mixed-case names kept, ordinary words lower-cased. */
export function displayPhrase(surface: string): string {
  return surface
    .split(/\s+/)
    .map((w) => (/[A-Z].*[A-Z]|[a-z][A-Z]|\d/.test(w) ? w : w.toLowerCase()))
    .join(' ');
}
