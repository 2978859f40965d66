import path from 'node:path';
import type { Paper } from '../corpus/paper.js';
import { renderCategoryChartSvg } from '../report/chart-svg.js';
import { renderPrismaSvg } from '../report/prisma-svg.js';
import type { CriteriaSet } from '../review/criteria.js';
import type { PrismaCounts } from '../review/prisma.js';
import { papersCsvChunks } from '../report/papers-csv.js';
import { papersJsonlChunks } from '../report/papers-jsonl.js';
import { renderReferencesBib } from '../report/references-bib.js';
import { renderTaxonomyJson } from '../report/taxonomy-json.js';
import { renderVerificationFiles } from '../report/verification-json.js';
import { writeFilesAtomic } from '../report/write-files.js';
import type { Annotation, Taxonomy } from '../review/annotation.js';
import type { FailedPart } from '../review/review-draft.js';
import { RUN_MANIFEST_FILE, type RunManifest, type StageAccounting } from '../runs/manifest.js';
import { citedKeys } from '../verify/citation-keys.js';
import { buildManifest } from './build-manifest.js';
import type { RunSummary } from './events.js';
import type { ReviewRunOptions } from './review-run-options.js';
import type { VerifiedReview } from './verify-draft.js';

export interface WriteOutputsInput {
  options: ReviewRunOptions;
  papers: Paper[];
  annotations: Annotation[];
  taxonomy: Taxonomy;
  verified: VerifiedReview;
  prisma: PrismaCounts;
  criteria: CriteriaSet | null;
  createdAt: string;
  started: number;
  stageAccounting: () => Record<string, StageAccounting>;
  stability?: RunManifest['stability'];
  /** Parts of the review the model failed to write (the run ends with failed items). */
  failedParts?: FailedPart[];
  /** Files written so far, of how many (run.json included). */
  progress?: (done: number, total: number) => void;
}

/** The write stage: every output file of the contract, then run.json last (a folder with run.json is a finished run). */
export async function writeReviewOutputs(input: WriteOutputsInput): Promise<RunSummary> {
  const { options: o, papers, annotations, taxonomy, verified } = input;
  const cited = new Set(citedKeys(verified.markdown));
  // The per-paper files are produced chunk by chunk while they are written: 100,000 papers make
  // 170 MB of papers.jsonl and 110 MB of papers.csv, never held whole.
  const files: Record<string, string | Iterable<string>> = {
    'review.md': verified.markdown,
    'papers.jsonl': papersJsonlChunks(papers, annotations, taxonomy),
    'papers.csv': papersCsvChunks(papers, annotations, taxonomy),
    'taxonomy.json': renderTaxonomyJson(taxonomy, papers),
    'references.bib': renderReferencesBib(papers.filter((p) => cited.has(p.key))),
    ...renderVerificationFiles(verified.report),
    'papers-per-category.svg': renderCategoryChartSvg(taxonomy, papers),
    'prisma.svg': renderPrismaSvg(input.prisma, input.criteria),
  };
  const total = Object.keys(files).length + 1;
  input.progress?.(0, total);
  const written = await writeFilesAtomic(o.outDir, files, (done) => input.progress?.(done, total));
  const manifest = buildManifest({
    options: o,
    papers,
    annotations,
    taxonomy,
    verification: verified.report.summary,
    prisma: input.prisma,
    criteria: input.criteria,
    files: Object.keys(files),
    createdAt: input.createdAt,
    started: input.started,
    stageAccounting: input.stageAccounting(),
    ...(input.stability ? { stability: input.stability } : {}),
    ...(input.failedParts?.length ? { failedParts: input.failedParts } : {}),
  });
  const manifestPath = await writeFilesAtomic(o.outDir, { [RUN_MANIFEST_FILE]: `${JSON.stringify(manifest, null, 2)}\n` });
  input.progress?.(total, total);
  return {
    runId: o.runId,
    outDir: o.outDir,
    engine: o.engine.kind,
    papers: papers.length,
    annotated: manifest.counts.annotated,
    withoutAbstract: manifest.counts.withoutAbstract ?? 0,
    failed: manifest.counts.failed,
    ...(input.failedParts?.length ? { failedSections: input.failedParts.map((f) => f.heading) } : {}),
    calls: manifest.counts.calls,
    cacheHits: manifest.counts.cacheHits,
    promptTokens: manifest.tokens.prompt,
    completionTokens: manifest.tokens.completion,
    costUSD: manifest.costUSD,
    files: [...written, ...manifestPath].map((f) => path.resolve(f)),
    verification: verified.report.summary,
    ...(manifest.stability ? { agreement: manifest.stability } : {}),
    ...(input.prisma.offlineScreening ? { screening: { ...input.prisma.offlineScreening, excluded: input.prisma.excluded } } : {}),
    durationMs: manifest.durationMs,
  };
}
