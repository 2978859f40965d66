import { z } from 'zod';
import { isRecord } from '../fs/read-text-file.js';
import type { EndpointState } from '../model/types.js';
import type { Criterion } from '../review/criteria.js';
import type { PrismaCounts } from '../review/prisma.js';
import type { VerificationSummary } from '../verify/verification-summary.js';

/**
 * `run.json`, described once: this schema is both the type the pipeline writes and the lenient reader
 * `runs`, `compare` and `eval` use. `runId` and `createdAt` are required (without them a file is not a
 * litrev run manifest); every other field falls back to an empty value when missing or malformed, so an
 * older or half-written manifest still lists, and unknown extra fields are kept. Never holds the API key;
 * timestamps live here only (review.md stays byte-identical across replays).
 */
const count = z.number().finite().nonnegative().catch(0);
const text = (fallback: string) => z.string().catch(fallback);
const nullableText = z.string().nullable().catch(null);
const nullableNumber = z.number().finite().nullable().catch(null);
/** A field whose shape another module owns (PRISMA counts, criteria, endpoint limits): kept when it is an object. */
const owned = <T>() => z.custom<T>((v) => isRecord(v) || Array.isArray(v)).optional().catch(undefined);

export const EMPTY_VERIFICATION: VerificationSummary = {
  citations: 0,
  danglingRemoved: 0,
  numbersChecked: 0,
  numbersUnsupported: 0,
  quotesChecked: 0,
  quotesNotVerbatim: 0,
};

export const VerificationSummarySchema = z
  .object({
    citations: count,
    danglingRemoved: count,
    numbersChecked: count,
    numbersUnsupported: count,
    quotesChecked: count,
    quotesNotVerbatim: count,
    sentencesMarked: z.number().optional().catch(undefined),
    sentencesRemoved: z.number().optional().catch(undefined),
  })
  .catch(EMPTY_VERIFICATION);

/** Per-stage request accounting recorded in run.json. */
const StageAccountingSchema = z
  .object({
    /** Requests sent to the endpoint (retries included). */
    calls: count,
    cacheHits: count,
    promptTokens: count,
    completionTokens: count,
    /** Cache keys this stage used, in first-use order. */
    cacheKeys: z.array(z.string()).catch([]),
  })
  .catch({ calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, cacheKeys: [] });
export type StageAccounting = z.output<typeof StageAccountingSchema>;

const OPTIONS_DEFAULT = { topic: null, batchSize: null, concurrency: 0, temperature: 0, seed: null, repeat: 1, taxonomyFile: null, cacheMode: '', promptDir: null, maxCost: null };
const COUNTS_DEFAULT = { papers: 0, annotated: 0, failed: 0, categories: 0, calls: 0, cacheHits: 0, retries: 0 };

export const ManifestSchema = z.looseObject({
  formatVersion: z.literal(1).catch(1),
  runId: z.string().min(1),
  createdAt: z.string().min(1),
  finishedAt: text(''),
  durationMs: count,
  litrevVersion: text(''),
  engine: z.enum(['offline', 'model']).catch('model'),
  engineReason: text(''),
  /** Model name and endpoint (base URL without credentials); null for the offline engine. */
  model: nullableText,
  endpoint: nullableText,
  structuredMethod: nullableText,
  corpusHash: text(''),
  inputs: z.array(z.string()).catch([]),
  options: z
    .object({
      topic: nullableText,
      batchSize: nullableNumber,
      concurrency: count,
      temperature: z.number().finite().catch(0),
      seed: nullableNumber,
      repeat: z.number().int().positive().catch(1),
      taxonomyFile: nullableText,
      cacheMode: text(''),
      promptDir: nullableText,
      maxCost: nullableNumber,
      /** --criteria file (absent in runs made before criteria screening existed). */
      criteriaFile: z.string().nullable().optional().catch(undefined),
      /** --batch-api: the requests went through the provider's Batch API (their ids: batches.json beside run.json). */
      batchApi: z.boolean().optional().catch(undefined),
    })
    .catch(OPTIONS_DEFAULT),
  /** Every prompt used: name -> version, sha256 of the file, path. */
  prompts: z.record(z.string(), z.object({ version: text(''), hash: text(''), path: text('') }).catch({ version: '', hash: '', path: '' })).catch({}),
  counts: z
    .object({
      papers: count,
      annotated: count,
      /** Papers reviewed from their title only (no abstract). */
      withoutAbstract: z.number().optional().catch(undefined),
      failed: count,
      categories: count,
      calls: count,
      cacheHits: count,
      retries: count,
    })
    .catch(COUNTS_DEFAULT),
  tokens: z.object({ prompt: count, completion: count }).catch({ prompt: 0, completion: 0 }),
  /** USD spent on requests actually sent; null when the model's price is unknown (or offline: 0). */
  costUSD: nullableNumber,
  stages: z.record(z.string(), StageAccountingSchema).catch({}),
  verification: VerificationSummarySchema,
  /** PRISMA 2020 counts: identified, duplicates removed, screened = included + excluded + failed. */
  prisma: owned<PrismaCounts>(),
  /** The criteria of a --criteria run. */
  criteria: owned<Pick<Criterion, 'id' | 'kind' | 'text' | 'terms'>[]>(),
  /** Agreement between repeats (--repeat N > 1): Fleiss' kappa over primary categories/contribution types. */
  stability: z
    .object({ repeats: count, contributionTypeKappa: nullableNumber, categoryKappa: nullableNumber })
    .optional()
    .catch(undefined),
  files: z.array(z.string()).catch([]),
  /** Parts of the review the model failed to write (e.g. a section citing no paper): the status is then `failed-items`. */
  failedSections: z
    .array(z.object({ part: z.string(), heading: z.string(), reason: z.string() }))
    .optional()
    .catch(undefined),
  /** `ok with warnings`: verification found something to distrust (see verification.json). */
  status: z.enum(['ok', 'ok with warnings', 'failed-items']).catch('ok'),
  /** What the run knew of its endpoint at the end: limits (with their source), accepted parameters, structured method, rate limits. */
  limits: owned<EndpointState>(),
});
export type RunManifest = z.output<typeof ManifestSchema>;

export const RUN_MANIFEST_FILE = 'run.json';
