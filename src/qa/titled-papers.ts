import type { CorpusTable } from '../query/corpus-table.js';
import type { Hit } from '../retrieval/types.js';
import { namesSubject, questionSubject } from './question-entity.js';

/** A name in this many titles or fewer is a paper's own name ("Mixture-of-Depths"), not a field's word ("Mamba" in 40 titles). */
const OWN_NAME_TITLES = 3;

/**
 * Put first the papers a question names by the name in their title. A paper is often named by the coined word of its
 * title ("What does Mixture-of-Depths report?"), a word its abstract may never write: the ranking, which weighs the
 * abstract's words, can miss it for papers that share the question's other words ("mixture" of Gaussians). A name in
 * at most OWN_NAME_TITLES titles pins those papers at the top of `hits` (kept to `k`); other hits keep their order.
 */
export function withTitledPapers(table: CorpusTable, question: string, hits: readonly Hit[], k: number): Hit[] {
  const names = questionSubject(question).filter((n) => /[-\d]|[a-z][A-Z]|[A-Z]{2}/.test(n));
  if (names.length === 0) return [...hits];
  const pinned = new Set<number>();
  for (const name of names) {
    const titled = table.naming(name).filter((i) => namesSubject(table.meta(i).title, [name]));
    if (titled.length > 0 && titled.length <= OWN_NAME_TITLES) for (const i of titled) pinned.add(i);
  }
  if (pinned.size === 0) return [...hits];
  const keys = new Set([...pinned].map((i) => table.meta(i).key));
  const top = hits[0]?.score ?? 1;
  const first: Hit[] = [...pinned].map((i) => hits.find((h) => h.paper.key === table.meta(i).key) ?? { paper: table.paper(i), score: top, bm25Rank: null, bm25Score: null, matchedTerms: [] });
  return [...first, ...hits.filter((h) => !keys.has(h.paper.key))].slice(0, Math.max(k, first.length));
}
