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

function contentToken(t: Token): boolean {
  return t.lower.split('-').some((part) => isContentWord(part)) && !/^\d/.test(t.lower);
}

function keyOf(tokens: Token[]): string {
  return tokens.flatMap((t) => t.lower.split('-').map(stem)).join(' ');
}

/** Maximal runs of content words not separated by punctuation. */
export function phraseRuns(text: string): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  for (const t of wordTokens(text)) {
    if (t.breakBefore || !contentToken(t)) {
      if (run.length) runs.push(run);
      run = [];
    }
    if (contentToken(t)) run.push(t);
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
    for (let i = 0; i < run.length; i++) {
      if (LEADING_WORDS.has(run[i]!.lower)) continue;
      for (let n = 1; n <= maxWords && i + n <= run.length; n++) {
        const words = run.slice(i, i + n);
        out.push({
          key: keyOf(words),
          surface: text.slice(words[0]!.start, words[n - 1]!.end),
          words: n,
        });
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
