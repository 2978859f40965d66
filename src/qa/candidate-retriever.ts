import type { Paper } from '../corpus/paper.js';
import type { CorpusTable } from '../query/corpus-table.js';
import { matchText } from '../query/match-text.js';
import { createRetriever, type RetrieverOptions } from '../retrieval/create-retriever.js';
import type { Retriever } from '../retrieval/types.js';

/** Papers the BM25 ranking is run over at most, out of a large corpus. */
export const MAX_CANDIDATES = 3000;

/**
 * Retrieval over a large corpus in two steps, as search engines do: candidates from the corpus table's inverted
 * index (the papers holding the question's rarest terms, up to MAX_CANDIDATES), then the usual BM25 ranking (and
 * embeddings, when the endpoint has them) over those candidates alone. No index of the whole corpus is built or
 * loaded for a lookup, so its time and memory follow the candidates, not the corpus. Term weights (idf) are the
 * candidates', not the corpus's.
 */
export function createCandidateRetriever(table: CorpusTable, options: RetrieverOptions = {}): Retriever {
  let last: Retriever | null = null;
  const candidatesOf = (text: string): Paper[] => {
    const terms = [...new Set(matchText(text).stems.trim().split(' ').filter((t) => t.length > 2))];
    const lists = terms.map((t) => table.postings.get(t)).filter((l): l is Uint32Array => l !== undefined && l.length > 0);
    lists.sort((a, b) => a.length - b.length);
    const chosen = new Set<number>();
    for (const list of lists) {
      if (chosen.size > 0 && chosen.size + list.length > MAX_CANDIDATES) break;
      for (const i of list) {
        chosen.add(i);
        if (chosen.size >= MAX_CANDIDATES) break;
      }
    }
    return [...chosen].sort((a, b) => a - b).map((i) => table.papers[i]!);
  };
  return {
    size: table.size,
    async search(query, k, searchOptions = {}) {
      const papers = candidatesOf(`${query}\n${searchOptions.context ?? ''}`);
      last = createRetriever(papers, options);
      return last.search(query, k, searchOptions);
    },
    idf: (term) => (last ? last.idf(term) : Math.log(1 + table.size)),
    usedEmbeddings: () => last?.usedEmbeddings() ?? false,
  };
}
