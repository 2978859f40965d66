import { z } from 'zod';
import type { RunManifest } from './manifest.js';
import { isRecord } from '../fs/read-text-file.js';

const count = z.number().finite().nonnegative().catch(0);
const text = (fallback: string) => z.string().catch(fallback);
const nullableText = z.string().nullable().catch(null);
const nullableNumber = z.number().finite().nullable().catch(null);

const VerificationSchema = z.object({
  citations: count,
  danglingRemoved: count,
  numbersChecked: count,
  numbersUnsupported: count,
  quotesChecked: count,
  quotesNotVerbatim: count,
});

/** Empty verification summary (a run that recorded none). */
export const EMPTY_VERIFICATION = {
  citations: 0,
  danglingRemoved: 0,
  numbersChecked: 0,
  numbersUnsupported: 0,
  quotesChecked: 0,
  quotesNotVerbatim: 0,
};

/** Parse a verification summary leniently: missing or bad fields count 0. */
export function parseVerificationSummary(value: unknown): RunManifest['verification'] {
  return VerificationSchema.catch(EMPTY_VERIFICATION).parse(value);
}

const StageSchema = z
  .object({
    calls: count,
    cacheHits: count,
    promptTokens: count,
    completionTokens: count,
    cacheKeys: z.array(z.string()).catch([]),
  })
  .catch({ calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, cacheKeys: [] });

const PromptSchema = z
  .object({ version: text(''), hash: text(''), path: text('') })
  .catch({ version: '', hash: '', path: '' });

const OPTIONS_DEFAULT: RunManifest['options'] = {
  topic: null,
  batchSize: null,
  concurrency: 0,
  temperature: 0,
  seed: null,
  repeat: 1,
  taxonomyFile: null,
  cacheMode: '',
  promptDir: null,
  maxCost: null,
};

const COUNTS_DEFAULT: RunManifest['counts'] = {
  papers: 0,
  annotated: 0,
  failed: 0,
  categories: 0,
  calls: 0,
  cacheHits: 0,
  retries: 0,
};

/**
 * run.json, read leniently: `runId` and `createdAt` are required (without them the file is not a
 * litrev run manifest); every other field falls back to an empty value when missing or malformed,
 * so an older or half-written manifest still lists. Unknown extra fields are kept.
 */
const ManifestSchema = z.looseObject({
  formatVersion: z.literal(1).catch(1),
  runId: z.string().min(1),
  createdAt: z.string().min(1),
  finishedAt: text(''),
  durationMs: count,
  litrevVersion: text(''),
  engine: z.enum(['offline', 'model']).catch('model'),
  engineReason: text(''),
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
    })
    .catch(OPTIONS_DEFAULT),
  prompts: z.record(z.string(), PromptSchema).catch({}),
  counts: z
    .object({
      papers: count,
      annotated: count,
      failed: count,
      categories: count,
      calls: count,
      cacheHits: count,
      retries: count,
    })
    .catch(COUNTS_DEFAULT),
  tokens: z.object({ prompt: count, completion: count }).catch({ prompt: 0, completion: 0 }),
  costUSD: nullableNumber,
  stages: z.record(z.string(), StageSchema).catch({}),
  verification: VerificationSchema.catch(EMPTY_VERIFICATION),
  stability: z
    .object({ repeats: count, contributionTypeKappa: nullableNumber, categoryKappa: nullableNumber })
    .optional()
    .catch(undefined),
  files: z.array(z.string()).catch([]),
  status: z.enum(['ok', 'ok with warnings', 'failed-items']).catch('ok'),
});

export type ManifestParse = { ok: true; manifest: RunManifest } | { ok: false; reason: string };

/** Validate a parsed run.json; the reason names the first missing essential field. */
export function parseManifest(data: unknown): ManifestParse {
  if (!isRecord(data)) return { ok: false, reason: 'not a litrev run manifest (not a JSON object)' };
  if (data.formatVersion !== undefined && data.formatVersion !== 1) {
    return { ok: false, reason: `unsupported run.json formatVersion ${JSON.stringify(data.formatVersion)} (this litrev reads 1)` };
  }
  const parsed = ManifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'root';
    return { ok: false, reason: `not a litrev run manifest (${field}: ${issue?.message ?? 'invalid'})` };
  }
  const manifest: RunManifest = parsed.data;
  return { ok: true, manifest };
}
