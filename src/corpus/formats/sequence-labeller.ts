/**
 * Tells titles from abstracts in a sequence of text units (lines or paragraphs) by structure first:
 * a most-likely labelling (Viterbi) where a title is normally followed by an abstract and an abstract by a
 * title, and each unit's own shape (words, sentences, final period, Title Case) only weighs in. So a short
 * abstract between two titles is still an abstract, and a missing title or abstract is still found.
 */

export type Label = 'title' | 'abstract';

/** Log-scores of the transitions. A title followed by a title (title-only record) or an abstract by an abstract (untitled record) is possible but costly. */
const START = { title: 0, abstract: -2 };
const NEXT = {
  title: { title: -3, abstract: 0 },
  abstract: { title: 0, abstract: -3 },
};
const END = { title: -2, abstract: 0 };

/** Per-unit log-scores for being a title and being an abstract. */
export function emission(text: string): { title: number; abstract: number } {
  const words = text.split(/\s+/).filter(Boolean);
  const n = words.length;
  const inner = (text.match(/[.!?]["')\]]?\s+(?=[A-Z(])/g) ?? []).length;
  const period = /\.["')\]]?$/.test(text);
  const terminal = /[.!?]["')\]]?$/.test(text);
  const long = words.filter((w) => w.length > 3);
  const capitalised = long.filter((w) => /^[A-Z0-9]/.test(w)).length;
  const titleCase = long.length >= 3 && capitalised / long.length > 0.6;
  const opener = /^(We|This|In this|Our|These|Here|Recent|Recently)\b/.test(text);

  let title = 0;
  let abstract = 0;
  if (n <= 25) title += 1;
  if (n > 30) title -= Math.min(30, (n - 30) * 0.25);
  if (inner > 0) {
    title -= 3 * inner;
    abstract += 1;
  }
  if (period) {
    title -= 2;
    abstract += 1;
  }
  if (!terminal) abstract -= 1.5;
  if (n < 15) abstract -= Math.min(4, (15 - n) * 0.3);
  if (titleCase) {
    title += 1.5;
    abstract -= 1;
  }
  if (opener) {
    abstract += 1.5;
    title -= 1;
  }
  return { title, abstract };
}

/** The most likely label of every unit. */
export function labelUnits(texts: readonly string[]): Label[] {
  const n = texts.length;
  if (n === 0) return [];
  const back = new Uint8Array(2 * n);
  const e0 = emission(texts[0]!);
  let scoreT = START.title + e0.title;
  let scoreA = START.abstract + e0.abstract;
  for (let i = 1; i < n; i++) {
    const e = emission(texts[i]!);
    const toT = [scoreT + NEXT.title.title, scoreA + NEXT.abstract.title];
    const toA = [scoreT + NEXT.title.abstract, scoreA + NEXT.abstract.abstract];
    const fromT = toT[0]! >= toT[1]! ? 0 : 1;
    const fromA = toA[0]! >= toA[1]! ? 0 : 1;
    back[2 * i] = fromT;
    back[2 * i + 1] = fromA;
    scoreT = toT[fromT]! + e.title;
    scoreA = toA[fromA]! + e.abstract;
  }
  const labels: Label[] = new Array(n);
  let state = scoreT + END.title >= scoreA + END.abstract ? 0 : 1;
  for (let i = n - 1; i >= 0; i--) {
    labels[i] = state === 0 ? 'title' : 'abstract';
    if (i > 0) state = back[2 * i + state]!;
  }
  return labels;
}

/** A title with the abstract that follows it; either may be missing. `at` is the index of the first unit. */
export interface Pair {
  title?: number;
  abstract?: number;
  at: number;
}

/** Group labelled units into records: a title takes the abstract right after it. */
export function pairUp(labels: readonly Label[]): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 'title') {
      if (labels[i + 1] === 'abstract') {
        pairs.push({ title: i, abstract: i + 1, at: i });
        i++;
      } else pairs.push({ title: i, at: i });
    } else pairs.push({ abstract: i, at: i });
  }
  return pairs;
}
