import type { CorpusTable } from '../query/corpus-table.js';
import { matchText } from '../query/match-text.js';
import { createRetriever, type RetrieverOptions } from '../retrieval/create-retriever.js';
import type { Retriever } from '../retrieval/types.js';

/** Papers the BM25 ranking is run over at most, out of a large corpus. */
export const MAX_CANDIDATES = 400;

/**
 * Retrieval over a large corpus in two steps, as search engines do: candidates from the corpus table's inverted
 * index (every paper holding a term of the question, scored by the sum of those terms' idf over the whole corpus;
 * the best MAX_CANDIDATES), then the usual BM25 ranking (and embeddings, when the endpoint has them) over those
 * candidates alone. Only the candidates' abstracts are read (from disk for the stored corpus) and no index of the
 * whole corpus is built or loaded, so a lookup's time and memory follow the candidates, not the corpus. The final
 * ranking's term weights are the candidates'.
 */
export function createCandidateRetriever(table: CorpusTable, options: RetrieverOptions = {}): Retriever {
  let last: Retriever | null = null;
  const candidatesOf = (text: string): number[] => {
    const terms = [...new Set(matchText(text).stems.trim().split(' ').filter((t) => t.length > 2))];
    const scores = new Float64Array(table.size);
    const touched: number[] = [];
    for (const t of terms) {
      const list = table.postings.get(t);
      if (!list || list.length === 0) continue;
      const idf = Math.log(1 + (table.size - list.length + 0.5) / (list.length + 0.5));
      for (const i of list) {
        if (scores[i] === 0) touched.push(i);
        scores[i] = scores[i]! + idf;
      }
    }
    touched.sort((a, b) => scores[b]! - scores[a]! || a - b);
    return touched.slice(0, MAX_CANDIDATES).sort((a, b) => a - b);
  };
  return {
    size: table.size,
    async search(query, k, searchOptions = {}) {
      const papers = candidatesOf(`${query}\n${searchOptions.context ?? ''}`).map((i) => table.paper(i));
      last = createRetriever(papers, options);
      return last.search(query, k, searchOptions);
    },
    idf: (term) => (last ? last.idf(term) : Math.log(1 + table.size)),
    usedEmbeddings: () => last?.usedEmbeddings() ?? false,
  };
}
