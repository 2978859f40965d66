import type { Paper } from '../corpus/paper.js';
import { LitrevError, errorMessage } from '../errors.js';
import { buildBm25Index, type Bm25Index, type IndexDocument } from './bm25-index.js';
import { createEmbeddingIndex, type EmbeddingIndex } from './embedding-index.js';
import { reciprocalRankFusion } from './rank-fusion.js';
import type { EmbedFn, Hit, PaperNotes, Retriever } from './types.js';

export interface RetrieverOptions {
  /** Review annotations by paper id (from the newest run over the same corpus). */
  annotations?: ReadonlyMap<string, PaperNotes>;
  /** Embeddings through the endpoint; omit (offline) for BM25 alone. */
  embed?: EmbedFn;
  /** Told once when embeddings fail and retrieval falls back to BM25 alone. */
  onWarning?: (message: string) => void;
  /** Postings one query may visit (see POSTINGS_BUDGET); for large corpora and benchmarks. */
  postingsBudget?: number;
}

/** The index documents of the papers (with the review's annotations): what the BM25 index is built from. */
export function indexDocuments(papers: readonly Paper[], annotations?: ReadonlyMap<string, PaperNotes>): IndexDocument[] {
  return papers.map((p) => toDocument(p, annotations?.get(p.id)));
}

/** Candidates taken from each ranking before fusion, relative to k. */
const CANDIDATE_FACTOR = 5;
const MIN_CANDIDATES = 50;

/**
 * Retrieval over titles, abstracts, keywords and (when a review exists) its annotations: BM25+
 * through MiniSearch, fused with embedding similarity by reciprocal rank fusion when the endpoint
 * has embeddings.
 */
export function createRetriever(papers: readonly Paper[], options: RetrieverOptions = {}): Retriever {
  // Built on the first search: a session that only asks list and count questions never needs it.
  let built: Bm25Index | null = null;
  const index = (): Bm25Index =>
    (built ??= buildBm25Index(indexDocuments(papers, options.annotations), { postingsBudget: options.postingsBudget }));
  let dense: EmbeddingIndex | null = options.embed
    ? createEmbeddingIndex(papers.map((p) => `${p.title}\n\n${p.abstract}`), options.embed)
    : null;
  let lastUsedEmbeddings = false;

  async function denseRanking(query: string, n: number, signal?: AbortSignal) {
    if (!dense) return null;
    try {
      const ranked = await dense.nearest(query, n, signal);
      if (ranked === null) dense = null;
      return ranked;
    } catch (err) {
      if (err instanceof LitrevError || signal?.aborted) throw err;
      dense = null;
      options.onWarning?.(`embeddings failed (${errorMessage(err)}); ranking with BM25 alone`);
      return null;
    }
  }

  return {
    size: papers.length,
    async search(query, k, searchOptions = {}) {
      if (papers.length === 0 || k <= 0) return [];
      const n = Math.max(k * CANDIDATE_FACTOR, MIN_CANDIDATES);
      const lexical = index().search(query, n, searchOptions.context);
      const denseQuery = searchOptions.context ? `${searchOptions.context}\n${query}` : query;
      const semantic = await denseRanking(denseQuery, n, searchOptions.signal);
      lastUsedEmbeddings = semantic !== null;
      const notesOf = (i: number) => options.annotations?.get(papers[i]!.id);
      if (semantic === null) {
        return lexical.slice(0, k).map((h, i) => ({
          paper: papers[h.index]!,
          score: h.score,
          bm25Rank: i + 1,
          bm25Score: h.score,
          matchedTerms: h.matchedTerms,
          notes: notesOf(h.index),
        }));
      }
      const byIndex = new Map(lexical.map((h) => [h.index, h]));
      const fused = reciprocalRankFusion<number>([lexical.map((h) => h.index), semantic.map((s) => s.index)], (i) => i);
      return fused.slice(0, k).map((f): Hit => ({
        paper: papers[f.item]!,
        score: f.score,
        bm25Rank: f.ranks[0] ?? null,
        bm25Score: byIndex.get(f.item)?.score ?? null,
        embeddingRank: f.ranks[1] ?? null,
        matchedTerms: byIndex.get(f.item)?.matchedTerms ?? [],
        notes: notesOf(f.item),
      }));
    },
    idf(term) {
      const n = papers.length;
      const df = index().documentFrequency(term);
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    },
    usedEmbeddings: () => lastUsedEmbeddings,
  };
}

function toDocument(p: Paper, notes: PaperNotes | undefined): IndexDocument {
  return {
    title: p.title,
    abstract: p.abstract,
    keywords: (p.keywords ?? []).join(', '),
    category: notes?.category ?? '',
    method: notes ? [notes.contributionType, notes.methodFamily, notes.methodSummary].filter(Boolean).join('. ') : '',
    claims: notes ? notes.claims.map((c) => c.text).join('. ') : '',
  };
}
