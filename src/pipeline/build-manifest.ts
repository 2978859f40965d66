import type { Paper } from '../corpus/paper.js';
import { promptHashes } from '../prompts/load-prompts.js';
import type { Annotation, Taxonomy } from '../review/annotation.js';
import type { CriteriaSet } from '../review/criteria.js';
import type { FailedPart } from '../review/review-draft.js';
import type { PrismaCounts } from '../review/prisma.js';
import { RUN_MANIFEST_FILE, type RunManifest, type StageAccounting } from '../runs/manifest.js';
import { verificationPassed } from '../verify/verification-report.js';
import type { VerificationSummary } from '../verify/verification-summary.js';
import { litrevVersion } from '../version.js';
import type { ReviewRunOptions } from './review-run-options.js';

export interface ManifestInput {
  options: ReviewRunOptions;
  papers: Paper[];
  annotations: Annotation[];
  taxonomy: Taxonomy;
  verification: VerificationSummary;
  prisma: PrismaCounts;
  criteria: CriteriaSet | null;
  /** The other files of the run, by name. */
  files: string[];
  createdAt: string;
  started: number;
  stageAccounting: Record<string, StageAccounting>;
  stability?: RunManifest['stability'];
  /** Parts of the review the model failed to write. */
  failedParts?: FailedPart[];
}

/** run.json: what was run, with which settings and prompts, what it cost, and what came of it. */
export function buildManifest(input: ManifestInput): RunManifest {
  const { options: o, papers, annotations, taxonomy } = input;
  const failed = annotations.filter((a) => a.status === 'failed').length;
  const acc = o.gateway?.accounting();
  const finished = Date.now();
  return {
    formatVersion: 1,
    runId: o.runId,
    createdAt: input.createdAt,
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - input.started,
    litrevVersion: litrevVersion(),
    engine: o.engine.kind,
    engineReason: o.config.engineReason,
    model: o.gateway?.modelName ?? null,
    endpoint: o.gateway?.endpoint ?? null,
    structuredMethod: o.gateway ? o.config.model.structuredMethod : null,
    corpusHash: o.corpus.hash,
    inputs: o.inputs,
    options: {
      topic: o.config.topic ?? null,
      batchSize: o.config.batchSize ?? null,
      concurrency: o.config.concurrency,
      temperature: o.config.model.temperature,
      seed: o.config.model.seed ?? null,
      repeat: o.config.repeat,
      taxonomyFile: o.config.taxonomyFile ?? null,
      cacheMode: o.config.cacheMode,
      promptDir: o.promptDir,
      maxCost: o.config.maxCost ?? null,
      criteriaFile: o.config.criteriaFile ?? null,
      ...(o.config.batch.api ? { batchApi: true } : {}),
    },
    prompts: promptHashes(o.prompts),
    counts: {
      papers: papers.length,
      annotated: annotations.filter((a) => a.status === 'ok').length,
      withoutAbstract: papers.filter((p) => p.abstract.trim() === '').length,
      failed,
      categories: taxonomy.categories.length,
      calls: acc?.calls ?? 0,
      cacheHits: acc?.cacheHits ?? 0,
      retries: acc?.retries ?? 0,
    },
    tokens: { prompt: acc?.promptTokens ?? 0, completion: acc?.completionTokens ?? 0 },
    costUSD: acc ? acc.costUSD : 0,
    stages: input.stageAccounting,
    verification: input.verification,
    prisma: input.prisma,
    ...(input.criteria ? { criteria: input.criteria.criteria.map(({ id, kind, text, terms }) => ({ id, kind, text, terms })) } : {}),
    ...(input.stability ? { stability: input.stability } : {}),
    files: [...input.files, RUN_MANIFEST_FILE],
    ...(input.failedParts?.length ? { failedSections: input.failedParts.map(({ part, heading, reason }) => ({ part, heading, reason })) } : {}),
    status: failed > 0 || (input.failedParts?.length ?? 0) > 0 ? 'failed-items' : verificationPassed(input.verification) ? 'ok' : 'ok with warnings',
    ...(o.gateway?.endpointState ? { limits: o.gateway.endpointState() } : {}),
  };
}
