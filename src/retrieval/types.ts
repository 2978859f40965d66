import type { Paper } from '../corpus/paper.js';

/** What a finished review says about one paper (from its papers.jsonl), indexed next to the abstract. */
export interface PaperNotes {
  category?: string;
  subcategory?: string;
  contributionType?: string;
  methodFamily?: string;
  methodSummary?: string;
  tasks?: string[];
  datasets?: string[];
  models?: string[];
  /** Claim texts with their verbatim quotes, and the metric, value and baseline the review read off them. */
  claims: { text: string; quote?: string; metric?: string; value?: string; baseline?: string }[];
}

/** One retrieved paper. Ranks are 1-based; a rank is null when that ranking did not return the paper. */
export interface Hit {
  paper: Paper;
  /** Fused score (hybrid) or BM25+ score (lexical only); higher is better, comparable within one search. */
  score: number;
  bm25Rank: number | null;
  bm25Score: number | null;
  embeddingRank?: number | null;
  /** Query terms (stemmed) found in the paper. */
  matchedTerms: string[];
  notes?: PaperNotes;
}

export interface SearchOptions {
  /**
   * Earlier conversation (e.g. the previous question): its terms count, with a lower weight, so a
   * follow-up such as "and how much memory does it save?" still finds the paper under discussion.
   */
  context?: string;
  signal?: AbortSignal;
}

/** Embeds texts; returns null when the endpoint has no embeddings. */
export type EmbedFn = (texts: string[], signal?: AbortSignal) => Promise<number[][] | null>;

export interface Retriever {
  /** Number of papers indexed. */
  readonly size: number;
  /** Top `k` papers for `query`, best first. */
  search(query: string, k: number, options?: SearchOptions): Promise<Hit[]>;
  /** Inverse document frequency of an index term (stemmed); unknown terms get the largest value. */
  idf(term: string): number;
  /** Whether the last search used embeddings (false when the endpoint has none, or offline). */
  usedEmbeddings(): boolean;
}
