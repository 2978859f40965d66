import type { Criterion } from '../review/criteria.js';
import type { PrismaCounts } from '../review/prisma.js';
import type { VerificationSummary } from '../verify/verification-summary.js';

/** Per-stage request accounting recorded in run.json. */
export interface StageAccounting {
  /** Requests sent to the endpoint (retries included). */
  calls: number;
  cacheHits: number;
  promptTokens: number;
  completionTokens: number;
  /** Cache keys this stage used, in first-use order. */
  cacheKeys: string[];
}

/**
 * `run.json`: everything needed to know what a run was and to reproduce it. Never holds the API key.
 * Timestamps live here only (review.md stays byte-identical across replays).
 */
export interface RunManifest {
  formatVersion: 1;
  runId: string;
  createdAt: string;
  finishedAt: string;
  durationMs: number;
  litrevVersion: string;
  engine: 'offline' | 'model';
  engineReason: string;
  /** Model name and endpoint (base URL without credentials); null for the offline engine. */
  model: string | null;
  endpoint: string | null;
  structuredMethod: string | null;
  corpusHash: string;
  inputs: string[];
  options: {
    topic: string | null;
    batchSize: number | null;
    concurrency: number;
    temperature: number;
    seed: number | null;
    repeat: number;
    taxonomyFile: string | null;
    cacheMode: string;
    promptDir: string | null;
    maxCost: number | null;
    /** --criteria file (absent in runs made before criteria screening existed). */
    criteriaFile?: string | null;
    /** --batch-api: the requests went through the provider's Batch API (their ids: batches.json beside run.json). */
    batchApi?: boolean;
  };
  /** Every prompt used: name -> version, sha256 of the file, path. */
  prompts: Record<string, { version: string; hash: string; path: string }>;
  counts: {
    papers: number;
    annotated: number;
    /** Papers without an abstract, reviewed from their title only (absent in older manifests). */
    withoutAbstract?: number;
    failed: number;
    categories: number;
    calls: number;
    cacheHits: number;
    retries: number;
  };
  tokens: { prompt: number; completion: number };
  /** USD spent on requests actually sent; null when the model's price is unknown (or offline: 0). */
  costUSD: number | null;
  stages: Record<string, StageAccounting>;
  verification: VerificationSummary;
  /** PRISMA 2020 flow counts (screened = included + excluded + failed); absent in older runs. */
  prisma?: PrismaCounts;
  /** The screening criteria of a --criteria run. */
  criteria?: Pick<Criterion, 'id' | 'kind' | 'text' | 'terms'>[];
  /** Agreement between repeats (--repeat N > 1): Fleiss' kappa over primary categories/contribution types. */
  stability?: { repeats: number; contributionTypeKappa: number | null; categoryKappa: number | null };
  files: string[];
  /** `ok with warnings`: verification found something to distrust (see verification.json). */
  status: 'ok' | 'ok with warnings' | 'failed-items';
  /** What the run knew of its endpoint at the end: limits (with their source), accepted parameters, structured method, rate limits. */
  limits?: EndpointRecord;
}

/** The endpoint as a run found it (the model layer's EndpointState). */
export interface EndpointRecord {
  endpoint: string;
  model: string;
  limits: { contextWindow: number | null; contextSource: string | null; maxOutputTokens: number | null; outputSource: string | null };
  tokenRatio: number;
  structuredMethod: string;
  params: { tokensField: string; temperature: boolean; seed: boolean };
  adapted: string[];
  rateLimits: {
    limitRequests: number | null;
    limitTokens: number | null;
    remainingRequests: number | null;
    remainingTokens: number | null;
    pacedPerSecond: number | null;
    rateLimited: number;
  };
}

export const RUN_MANIFEST_FILE = 'run.json';
