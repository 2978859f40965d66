import type { VerificationSummary } from '../verify/verification-summary.js';
import type { Claim } from '../review/annotation.js';
import type { RunManifest } from './manifest.js';

/** The files of a run folder besides run.json. */
export const RUN_FILES = {
  papers: 'papers.jsonl',
  taxonomy: 'taxonomy.json',
  verification: 'verification.json',
  review: 'review.md',
} as const;

/** One line of papers.jsonl, normalised. */
export interface RunPaper {
  id: string;
  key: string;
  title: string;
  /** The paper's DOI when papers.jsonl records it. */
  doi?: string;
  /** Per-criterion screening answers (review --criteria), when the run screened by criteria. */
  screening?: RunScreening;
  /** Name of the paper's primary category (null when the line has none). */
  category: string | null;
  categoryId: string | null;
  contributionType: string | null;
  methodFamily: string;
  methodSummary: string;
  claims: Claim[];
  /** 'ok' or 'failed' as written by the pipeline (kept as written). */
  status: string;
  error?: string;
}

/** A criteria screening as papers.jsonl records it. */
export interface RunScreening {
  decision: 'include' | 'exclude';
  /** Answers 'unclear': the fewer, the more certain the decision. */
  unclear: number;
  excludedBy: string[];
}

export interface RunTaxonomyCategory {
  id: string;
  name: string;
  definition: string;
  paperIds: string[];
  keys: string[];
}

export interface RunTaxonomy {
  source: string;
  categories: RunTaxonomyCategory[];
}

export interface RunVerification {
  summary: VerificationSummary;
  /** Where the summary came from: verification.json, or run.json when that file is missing or unreadable. */
  source: 'verification.json' | 'run.json';
  /** The whole parsed verification.json (its lists are read by nobody here; shape not guaranteed). */
  details: Record<string, unknown> | null;
}

/** Everything read from one run folder. Missing or damaged parts are null/empty and explained in `warnings`. */
export interface RunRecord {
  /** Absolute path of the run folder. */
  dir: string;
  manifest: RunManifest;
  papers: RunPaper[];
  taxonomy: RunTaxonomy | null;
  verification: RunVerification;
  reviewText: string | null;
  /** One-line reasons naming the file (and line) for everything that could not be read. */
  warnings: string[];
}
