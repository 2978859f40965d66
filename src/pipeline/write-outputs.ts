import path from 'node:path';
import type { Paper } from '../corpus/paper.js';
import { promptHashes } from '../prompts/load-prompts.js';
import { renderCategoryChartSvg } from '../report/chart-svg.js';
import { renderPapersCsv } from '../report/papers-csv.js';
import { renderPapersJsonl } from '../report/papers-jsonl.js';
import { renderReferencesBib } from '../report/references-bib.js';
import { renderReviewMarkdown } from '../report/review-markdown.js';
import { renderTaxonomyJson } from '../report/taxonomy-json.js';
import { renderVerificationJson } from '../report/verification-json.js';
import { renderVerificationSection } from '../report/verification-section.js';
import { writeFilesAtomic } from '../report/write-files.js';
import { RUN_MANIFEST_FILE, type RunManifest, type StageAccounting } from '../runs/manifest.js';
import { citedKeys } from '../verify/citation-keys.js';
import { verifyReview } from '../verify/verify-review.js';
import { litrevVersion } from '../version.js';
import type { Annotation, Taxonomy } from './annotation.js';
import type { ReviewEvent, RunSummary } from './events.js';
import type { ReviewDraft } from './review-draft.js';
import type { ReviewRunOptions } from './run-review.js';

export interface WriteOutputsInput {
  options: ReviewRunOptions;
  emit: (e: ReviewEvent) => void;
  papers: Paper[];
  annotations: Annotation[];
  taxonomy: Taxonomy;
  draft: ReviewDraft;
  createdAt: string;
  started: number;
  stageAccounting: () => Record<string, StageAccounting>;
  stability?: RunManifest['stability'];
}

/**
 * Render the review, verify it (dangling citations removed), and write every output file of the
 * contract plus run.json (written last, so a folder with run.json is a finished run).
 */
export async function writeReviewOutputs(input: WriteOutputsInput): Promise<RunSummary> {
  const { options: o, emit, papers, annotations, taxonomy, draft } = input;

  const t0 = Date.now();
  emit({ type: 'stage-started', stage: 'verify', total: 1, unit: 'steps' });
  const rendered = renderReviewMarkdown(draft, { papers, annotations, taxonomy });
  const verified = verifyReview({ markdown: rendered, papers, annotations });
  const report = verified.report;
  // The verification result closes the review itself (appended after the checks, not checked).
  const markdown = `${verified.markdown.trimEnd()}\n\n${renderVerificationSection(report)}`;
  emit({ type: 'verification', summary: report.summary });
  emit({ type: 'stage-progress', stage: 'verify', done: 1, total: 1, failed: 0 });
  emit({ type: 'stage-finished', stage: 'verify', done: 1, failed: 0, durationMs: Date.now() - t0 });

  const t1 = Date.now();
  emit({ type: 'stage-started', stage: 'write', total: 1, unit: 'steps' });
  const cited = new Set(citedKeys(markdown));
  const citedPapers = papers.filter((p) => cited.has(p.key));
  const files: Record<string, string> = {
    'review.md': markdown,
    'papers.jsonl': renderPapersJsonl(papers, annotations, taxonomy),
    'papers.csv': renderPapersCsv(papers, annotations, taxonomy),
    'taxonomy.json': renderTaxonomyJson(taxonomy, papers),
    'references.bib': renderReferencesBib(citedPapers),
    'verification.json': renderVerificationJson(report),
    'papers-per-category.svg': renderCategoryChartSvg(taxonomy, papers),
  };
  const written = await writeFilesAtomic(o.outDir, files);

  const annotated = annotations.filter((a) => a.status === 'ok').length;
  const failed = annotations.filter((a) => a.status === 'failed').length;
  const acc = o.gateway?.accounting();
  const finished = Date.now();
  const manifest: RunManifest = {
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
    },
    prompts: promptHashes(o.prompts),
    counts: {
      papers: papers.length,
      annotated,
      failed,
      categories: taxonomy.categories.length,
      calls: acc?.calls ?? 0,
      cacheHits: acc?.cacheHits ?? 0,
      retries: acc?.retries ?? 0,
    },
    tokens: { prompt: acc?.promptTokens ?? 0, completion: acc?.completionTokens ?? 0 },
    costUSD: acc ? acc.costUSD : 0,
    stages: input.stageAccounting(),
    verification: report.summary,
    ...(input.stability ? { stability: input.stability } : {}),
    files: [...Object.keys(files), RUN_MANIFEST_FILE],
    status: failed > 0 ? 'failed-items' : 'ok',
  };
  const manifestPath = await writeFilesAtomic(o.outDir, { [RUN_MANIFEST_FILE]: `${JSON.stringify(manifest, null, 2)}\n` });
  emit({ type: 'stage-progress', stage: 'write', done: 1, total: 1, failed: 0 });
  emit({ type: 'stage-finished', stage: 'write', done: 1, failed: 0, durationMs: Date.now() - t1 });

  return {
    runId: o.runId,
    outDir: o.outDir,
    engine: o.engine.kind,
    papers: papers.length,
    annotated,
    failed,
    calls: manifest.counts.calls,
    cacheHits: manifest.counts.cacheHits,
    promptTokens: manifest.tokens.prompt,
    completionTokens: manifest.tokens.completion,
    costUSD: manifest.costUSD,
    files: [...written, ...manifestPath].map((f) => path.resolve(f)),
    verification: report.summary,
    durationMs: manifest.durationMs,
  };
}
