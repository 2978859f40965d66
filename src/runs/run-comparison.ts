import type { Claim } from '../review/annotation.js';
import type { VerificationSummary } from '../verify/verification-summary.js';
import type { ReviewSectionsDiff } from './section-diff.js';

/** A value in run A, in run B, and B minus A. */
export interface Delta {
  a: number;
  b: number;
  delta: number;
}

/** As Delta, for values a run may not know (cost of a model without a price). */
export interface NullableDelta {
  a: number | null;
  b: number | null;
  delta: number | null;
}

export interface PaperRef {
  id: string;
  key: string;
  title: string;
}

/** A paper whose value (category, contribution type, status) differs: `from` in A, `to` in B. */
export interface PaperChange extends PaperRef {
  from: string;
  to: string;
}

export interface RunSide {
  runId: string;
  dir: string;
  createdAt: string;
  engine: 'offline' | 'model';
  model: string | null;
  corpusHash: string;
  papers: number;
  annotated: number;
  failed: number;
}

export interface PromptChange {
  name: string;
  /** Null when the run did not use the prompt. */
  a: { version: string; hash: string } | null;
  b: { version: string; hash: string } | null;
}

/** Everything `litrev compare` reports; A is the older/baseline run, B the other. */
export interface RunComparison {
  a: RunSide;
  b: RunSide;
  sameCorpus: boolean;
  /** Settings that differ (model, engine, endpoint, corpus, options), as shown values. */
  settings: { field: string; a: string; b: string }[];
  /** Papers annotated by both runs: the items of the agreement statistics. */
  comparedPapers: number;
  /** Cohen's kappa over primary categories, after matching categories by overlap; null for no paper. */
  kappa: number | null;
  /** Share of compared papers whose (matched) category is the same. */
  agreement: number | null;
  contributionTypeKappa: number | null;
  categories: {
    a: number;
    b: number;
    /** Matched categories by name; `renamed` when the names differ. */
    matched: { a: string; b: string; overlap: number; renamed: boolean }[];
    onlyInA: string[];
    onlyInB: string[];
  };
  changedCategories: PaperChange[];
  changedContributionTypes: PaperChange[];
  /** Papers in both runs whose status differs (e.g. ok in A, failed in B). */
  statusChanges: PaperChange[];
  papersOnlyInA: PaperRef[];
  papersOnlyInB: PaperRef[];
  /** Claims compared by normalised quote, over papers annotated by both runs. */
  claims: { added: number; removed: number; papers: (PaperRef & { added: Claim[]; removed: Claim[] })[] };
  /** Keys cited (`[@key]`) in each review.md. */
  citations: { a: number; b: number; common: number; onlyInA: string[]; onlyInB: string[] };
  /** The counts every run has (the prose counts are present only in runs that marked or removed sentences). */
  verification: Record<Exclude<keyof VerificationSummary, 'sentencesMarked' | 'sentencesRemoved'>, Delta>;
  calls: Delta;
  cacheHits: Delta;
  tokens: { prompt: Delta; completion: Delta };
  costUSD: NullableDelta;
  durationMs: Delta;
  /** Per pipeline stage: requests sent and served from the cache. */
  stages: Record<string, { calls: Delta; cacheHits: Delta; promptTokens: Delta; completionTokens: Delta }>;
  /** `used`: whether each run's engine read its prompts (the offline engine reads none). */
  prompts: { changed: PromptChange[]; unchanged: string[]; used: { a: boolean; b: boolean } };
  sections: ReviewSectionsDiff;
  /** What could not be read in either run folder. */
  warnings: string[];
}
