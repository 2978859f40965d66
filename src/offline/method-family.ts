import { candidatePhrases, displayPhrase, type Phrase } from './text/phrases.js';

/**
 * The method family of a paper in a few words: its most distinctive key phrase, weighted towards the
 * title and the "we propose…" sentences, and towards phrases other papers of the corpus share
 * (a family, not a one-off name).
 */
export interface FamilyInput {
  /** The title without its name prefix. */
  titleText: string;
  /** The paper's own name (never its family), or null. */
  name: string | null;
  methodText: string;
  abstract: string;
}

/** Document frequency of phrase keys over a corpus. */
export type PhraseDf = ReadonlyMap<string, number>;

/** Phrase keys of one document (title + abstract), each once. */
export function documentPhraseKeys(title: string, abstract: string): Set<string> {
  return new Set([...candidatePhrases(title), ...candidatePhrases(abstract)].map((p) => p.key));
}

/** Document frequency of every phrase key over the given documents. */
export function phraseDocumentFrequency(docs: Iterable<Set<string>>): Map<string, number> {
  const df = new Map<string, number>();
  for (const keys of docs) for (const k of keys) df.set(k, (df.get(k) ?? 0) + 1);
  return df;
}

const LENGTH_FACTOR = [0, 0.55, 1, 1.1, 0.85];
/** The largest product of the factors after weight and idf (shared, length, adjective), with room for rounding. */
const MAX_OTHER_FACTORS = 1.1 * (1 + 1e-9);

/** Phrases ending in an adjective-like word ("probabilistic", "training-free") name no family. */
const ADJECTIVE_END = /(?:ic|al|ive|ous|able|ible|ary|free|aware|based|efficient|friendly|agnostic|specific|wise|like|driven|guided|oriented|ed|ent|level|scale)$/;
const NOUNS_LIKE_ADJECTIVES = new Set(
  'retrieval signal interval proposal tutorial trial potential logic arithmetic objective heuristic speed seed embed agent gradient component tensor hardware'.split(' '),
);

/** Does the phrase end in an adjective-like word ("training-free", "probabilistic")? */
export function adjectiveEnd(surface: string): boolean {
  const last = surface.toLowerCase().split(/[\s-]+/).pop() ?? '';
  const s = last.replace(/s$/, '');
  return ADJECTIVE_END.test(s) && !NOUNS_LIKE_ADJECTIVES.has(s);
}

interface Candidate {
  weight: number;
  surfaces: Map<string, number>;
}

function collect(into: Map<string, Candidate>, phrases: Phrase[], weight: number, cap = Infinity): void {
  const seen = new Map<string, number>();
  for (const p of phrases) {
    const n = (seen.get(p.key) ?? 0) + 1;
    seen.set(p.key, n);
    const c = into.get(p.key) ?? { weight: 0, surfaces: new Map() };
    if (n <= cap) c.weight += weight;
    c.surfaces.set(p.surface, (c.surfaces.get(p.surface) ?? 0) + (weight < 1 ? 2 : 1));
    into.set(p.key, c);
  }
}

function bestSurface(surfaces: Map<string, number>): string {
  // Most phrases are written one way only: nothing to rank.
  if (surfaces.size === 1) return surfaces.keys().next().value!;
  return [...surfaces].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0]![0];
}

/** The method family of one paper given the corpus phrase document frequencies. */
export function methodFamily(input: FamilyInput, df: PhraseDf, corpusSize: number): string {
  const candidates = new Map<string, Candidate>();
  collect(candidates, candidatePhrases(input.titleText), 3);
  collect(candidates, candidatePhrases(input.methodText), 1.5, 1);
  collect(candidates, candidatePhrases(input.abstract), 0.5, 3);
  const nameKey = input.name?.toLowerCase();
  let best: { key: string; score: number } | null = null;
  for (const [key, c] of candidates) {
    const d = df.get(key) ?? 1;
    const idf = Math.log((corpusSize + 1) / d);
    // The other factors are at most 1.1 together: a phrase that cannot beat the best so far is not looked at.
    if (best && c.weight * idf * MAX_OTHER_FACTORS < best.score) continue;
    const surface = bestSurface(c.surfaces);
    const words = surface.split(/\s+/).length;
    if (nameKey && surface.toLowerCase().includes(nameKey)) continue;
    const shared = d >= 2 || corpusSize < 5 ? 1 : 0.35;
    const score = c.weight * idf * shared * (LENGTH_FACTOR[words] ?? 0.8) * (adjectiveEnd(surface) ? 0.3 : 1);
    if (!best || score > best.score || (score === best.score && key < best.key)) best = { key, score };
  }
  if (!best) return '';
  return displayPhrase(bestSurface(candidates.get(best.key)!.surfaces));
}
