import { matchText } from './match-text.js';

/** A parenthesised acronym: two to twelve letters and digits with at least two capitals ("LoRA", "KV", "GQA"). */
const DEFINED = /\(([A-Za-z][A-Za-z0-9-]{1,11})\)/g;

/** The capitals of an acronym, lower-cased: the initials it stands for ("LoRA" -> "lra"). */
function capitals(acronym: string): string {
  return acronym.replace(/[^A-Z]/g, '').toLowerCase();
}

/** The `n` words before `end` in `text` (hyphenated parts count as words), or null when there are fewer. */
function wordsBefore(text: string, end: number, n: number): string[] | null {
  const words = text.slice(Math.max(0, end - 160), end).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.length >= n ? words.slice(-n) : null;
}

/**
 * What the corpus itself says a phrase is also called: papers define acronyms as "low-rank adaptation (LoRA)", so
 * a long form asked about is also named by its acronym and an acronym by its long form. Read from `texts` (the
 * papers that name the phrase); an acronym counts only when its capitals are the initials of the words before it.
 */
export function definedVariants(phrase: string, texts: Iterable<string>): string[] {
  const asked = matchText(phrase).stems.trim();
  const words = phrase.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const isAcronym = words.length === 1 && capitals(phrase).length >= 2;
  const found = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(DEFINED)) {
      const acronym = m[1]!;
      const initials = capitals(acronym);
      if (initials.length < 2) continue;
      const before = wordsBefore(text, m.index, initials.length);
      if (!before || before.map((w) => w[0]!.toLowerCase()).join('') !== initials) continue;
      const long = before.join(' ');
      if (isAcronym && acronym === phrase) found.add(long.toLowerCase());
      else if (!isAcronym && matchText(long).stems.trim() === asked) found.add(acronym);
    }
    if (found.size >= 3) break;
  }
  return [...found];
}
