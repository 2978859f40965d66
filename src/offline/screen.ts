import type { Paper } from '../corpus/paper.js';
import { indexTerms } from './text/tokens.js';

/** BM25 parameters (the usual defaults). */
const K1 = 1.2;
const B = 0.75;
/** A paper must match this share of the topic's weight (idf mass of its words)… */
const MIN_COVERAGE = 0.6;
/** …and score at least this share of the best paper's score. */
const MIN_RELATIVE = 0.25;

export interface ScreenDecision {
  relevant: boolean;
  reason: string;
}

function paperTerms(p: Paper): string[] {
  const title = p.titleDerived ? '' : p.title;
  return indexTerms(`${title}\n${title}\n${p.abstract}`);
}

function termCounts(terms: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/**
 * Lexical relevance to a --topic: BM25 of the topic's words and word pairs over each paper's title
 * (counted twice) and abstract. A paper is relevant when it covers most of the topic (60% of the
 * idf mass of its words) and scores at least a quarter of the best paper. The reason names the
 * matched and missing topic words.
 */
export function screenOffline(papers: Paper[], topic: string): Map<string, ScreenDecision> {
  const docs = papers.map((p) => termCounts(paperTerms(p)));
  const n = docs.length;
  const avgLen = docs.reduce((s, d) => s + [...d.values()].reduce((a, b) => a + b, 0), 0) / Math.max(1, n);
  const query = [...new Set(indexTerms(topic))];
  const words = query.filter((t) => !t.includes(' '));
  const df = new Map(query.map((t) => [t, docs.filter((d) => d.has(t)).length]));
  const idf = (t: string): number => Math.log(1 + (n - df.get(t)! + 0.5) / (df.get(t)! + 0.5));
  const totalWeight = words.reduce((s, w) => s + idf(w), 0);
  const scored = docs.map((d) => {
    const len = [...d.values()].reduce((a, b) => a + b, 0);
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
  const result = new Map<string, ScreenDecision>();
  papers.forEach((p, i) => {
    const s = scored[i]!;
    const missing = words.filter((w) => !s.matched.includes(w));
    const relevant = s.score > 0 && s.coverage >= MIN_COVERAGE && s.score >= MIN_RELATIVE * best;
    const detail = `BM25 ${s.score.toFixed(2)}, best ${best.toFixed(2)}`;
    let reason: string;
    if (words.length === 0) reason = 'the topic has no content words to match';
    else if (s.matched.length === 0) reason = `no topic word in the title or abstract (${words.join(', ')})`;
    else if (relevant) reason = `matches ${s.matched.join(', ')}${missing.length ? `; lacks ${missing.join(', ')}` : ''} (${detail})`;
    else if (s.coverage < MIN_COVERAGE) reason = `matches only ${s.matched.join(', ')}; lacks ${missing.join(', ')} (${detail})`;
    else reason = `matches ${s.matched.join(', ')} but weakly (${detail})`;
    result.set(p.id, { relevant, reason });
  });
  return result;
}
