import type { Paper } from '../corpus/paper.js';
import { runSteps, type Steps } from '../review/cooperative-loop.js';
import { indexTerms } from './text/tokens.js';

/** BM25 parameters (the usual defaults). */
const K1 = 1.2;
const B = 0.75;
/** A paper must match this share of the topic's weight (idf mass of its words)… */
const MIN_COVERAGE = 0.6;
/** …and score at least this share of the best paper's score. */
const MIN_RELATIVE = 0.25;

export interface ScreenDecision {
  /** Always true: the offline topic screening sets no paper aside. */
  relevant: boolean;
  reason: string;
  /** True when the paper matches the topic well (evidence of relevance); false: kept without a judgement. */
  judged: boolean;
  /** Place by topic match, 1 = best. */
  rank: number;
}

function paperTerms(p: Paper): string[] {
  const title = p.titleDerived ? '' : p.title;
  return indexTerms(`${title}\n${title}\n${p.abstract}`);
}

/** A paper as BM25 needs it: its length in terms and how often each topic term occurs (nothing else is kept). */
interface DocStats {
  len: number;
  counts: Map<string, number>;
}

function docStats(terms: readonly string[], query: ReadonlySet<string>): DocStats {
  const counts = new Map<string, number>();
  for (const t of terms) if (query.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return { len: terms.length, counts };
}

/**
 * Lexical relevance to a --topic, recall first: BM25 of the topic's words and word pairs over each
 * paper's title (counted twice) and abstract ranks the corpus, and no paper is set aside, since a
 * missing word is no evidence that a paper is off topic (real corpora use words a topic does not).
 * A paper that covers most of the topic (60% of the idf mass of its words) and scores at least a
 * quarter of the best paper counts as judged relevant; every other paper is kept, "not judged
 * offline". The reason names the matched and missing topic words and the paper's rank.
 */
export function screenOffline(papers: Paper[], topic: string): Map<string, ScreenDecision> {
  return runSteps(screenOfflineSteps(papers, topic));
}

/** The same, as steps (one per paper read), for a large corpus to be screened cooperatively. */
export function* screenOfflineSteps(papers: Paper[], topic: string): Steps<Map<string, ScreenDecision>> {
  const query = [...new Set(indexTerms(topic))];
  const querySet = new Set(query);
  const docs: DocStats[] = [];
  for (const [i, p] of papers.entries()) {
    docs.push(docStats(paperTerms(p), querySet));
    yield { done: i + 1, total: papers.length };
  }
  const n = docs.length;
  const avgLen = docs.reduce((s, d) => s + d.len, 0) / Math.max(1, n);
  const words = query.filter((t) => !t.includes(' '));
  const df = new Map(query.map((t) => [t, docs.filter((d) => d.counts.has(t)).length]));
  const idf = (t: string): number => Math.log(1 + (n - df.get(t)! + 0.5) / (df.get(t)! + 0.5));
  const totalWeight = words.reduce((s, w) => s + idf(w), 0);
  const scored = docs.map(({ len, counts: d }) => {
    let score = 0;
    for (const t of query) {
      const f = d.get(t) ?? 0;
      if (f > 0) score += idf(t) * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * len) / avgLen)));
    }
    const matched = words.filter((w) => d.has(w));
    const coverage = totalWeight > 0 ? matched.reduce((s, w) => s + idf(w), 0) / totalWeight : 0;
    return { score, matched, coverage };
  });
  const best = Math.max(0, ...scored.map((s) => s.score));
  const rank = new Array<number>(n);
  scored.map((s, i) => ({ s: s.score, i })).sort((a, b) => b.s - a.s || a.i - b.i).forEach((x, k) => (rank[x.i] = k + 1));
  const result = new Map<string, ScreenDecision>();
  papers.forEach((p, i) => {
    const s = scored[i]!;
    const missing = words.filter((w) => !s.matched.includes(w));
    const judged = s.score > 0 && s.coverage >= MIN_COVERAGE && s.score >= MIN_RELATIVE * best;
    const detail = `BM25 ${s.score.toFixed(2)}, best ${best.toFixed(2)}, rank ${rank[i]} of ${n}`;
    let reason: string;
    if (words.length === 0) reason = 'not judged offline: the topic has no content words to match; kept';
    else if (s.matched.length === 0) reason = `not judged offline: no topic word in the title or abstract (${words.join(', ')}); kept (${detail})`;
    else if (judged) reason = `matches ${s.matched.join(', ')}${missing.length ? `; lacks ${missing.join(', ')}` : ''} (${detail})`;
    else if (s.coverage < MIN_COVERAGE) reason = `not judged offline: matches only ${s.matched.join(', ')}; lacks ${missing.join(', ')}; kept (${detail})`;
    else reason = `not judged offline: matches ${s.matched.join(', ')} but weakly; kept (${detail})`;
    result.set(p.id, { relevant: true, reason, judged, rank: rank[i]! });
  });
  return result;
}
