import type { Config } from '../config/schema.js';
import type { Corpus, Paper } from '../corpus/paper.js';
import { NoInputError } from '../errors.js';
import type { ModelGateway } from '../model/types.js';
import type { PromptSet } from '../prompts/load-prompts.js';
import { emptyAnnotation, type Taxonomy } from './annotation.js';
import type { CategorySpec, Relevance, ReviewEngine, StageContext } from './engine.js';
import { EventChannel } from './event-channel.js';
import type { ReviewEvent, StageName } from './events.js';
import { measureStability } from './measure-stability.js';
import { StageAccountant } from './stage-accounting.js';
import { writeReviewOutputs } from './write-outputs.js';

export interface ReviewRunOptions {
  config: Config;
  corpus: Corpus;
  /** Input paths given on the command line (recorded in run.json). */
  inputs: string[];
  engine: ReviewEngine;
  /** Extra engines sampling the same prompts again (--repeat N gives N-1 of them). */
  repeatEngines?: ReviewEngine[];
  gateway: ModelGateway | null;
  prompts: PromptSet;
  promptDir: string | null;
  runId: string;
  outDir: string;
  signal: AbortSignal;
  /** Categories of a --taxonomy file, already parsed. */
  taxonomyCategories?: CategorySpec[];
}

/**
 * The whole review as an async stream of typed events. The consumers (Ink dashboard, plain lines,
 * --json) only listen; nothing here prints.
 */
export function runReview(options: ReviewRunOptions): AsyncIterable<ReviewEvent> {
  const channel = new EventChannel<ReviewEvent>();
  execute(options, (e) => channel.push(e)).then(
    () => channel.close(),
    (err: unknown) => channel.fail(err),
  );
  return channel;
}

async function execute(o: ReviewRunOptions, emit: (e: ReviewEvent) => void): Promise<void> {
  const started = Date.now();
  const createdAt = new Date(started).toISOString();
  const accountant = new StageAccountant();
  const unsubscribe = o.gateway?.onEvent((event) => {
    accountant.observe(event);
    emit({ type: 'model', event, accounting: o.gateway!.accounting() });
  });
  try {
    const topic = o.config.topic;
    const stages: StageName[] = [...(topic ? (['screen'] as const) : []), 'classify', 'taxonomy', 'synthesize', 'verify', 'write'];
    emit({
      type: 'run-started',
      runId: o.runId,
      outDir: o.outDir,
      engine: o.engine.kind,
      engineReason: o.config.engineReason,
      model: o.gateway?.modelName ?? null,
      papers: o.corpus.papers.length,
      stages,
    });

    const all = o.corpus.papers;
    let papers: Paper[] = all;
    let relevance = new Map<string, Relevance>();
    if (topic) {
      relevance = await stage(emit, o.signal, 'screen', all.length, 'papers', (ctx) => o.engine.screen(all, topic, ctx));
      papers = all.filter((p) => relevance.get(p.id)?.relevant !== false);
      if (papers.length === 0) throw new NoInputError(`no paper in the corpus is relevant to "${topic}"`, 'try a broader --topic');
    }
    const excluded = all.flatMap((p) => {
      const r = relevance.get(p.id);
      return r && !r.relevant ? [emptyAnnotation(p.id, 'excluded', { relevance: r })] : [];
    });

    const classified = await stage(emit, o.signal, 'classify', papers.length, 'papers', (ctx) => o.engine.classify(papers, ctx));
    const annotations = classified.map((a) => {
      const r = relevance.get(a.paperId);
      return r ? { ...a, relevance: r } : a;
    });
    const taxonomy: Taxonomy = await stage(emit, o.signal, 'taxonomy', 1, 'steps', (ctx) =>
      o.taxonomyCategories
        ? o.engine.applyTaxonomy(papers, annotations, o.taxonomyCategories, ctx)
        : o.engine.induceTaxonomy(papers, annotations, ctx),
    );
    if (o.config.repeat > 1 && !o.repeatEngines?.length) {
      emit({ type: 'warning', message: `--repeat ${o.config.repeat}: the ${o.engine.kind} engine is deterministic, so there is nothing to sample` });
    }
    const stability = o.repeatEngines?.length
      ? await measureStability(o.repeatEngines, papers, { annotations, taxonomy }, o.signal, emit)
      : undefined;
    const draft = await stage(emit, o.signal, 'synthesize', taxonomy.categories.length + 1, 'sections', (ctx) =>
      o.engine.synthesize({ papers, annotations, taxonomy, ...(topic ? { topic } : {}) }, ctx),
    );

    const allAnnotations = [...annotations, ...excluded];
    const written = await writeReviewOutputs({
      options: o,
      emit,
      papers: all,
      annotations: allAnnotations,
      taxonomy,
      draft,
      createdAt,
      started,
      stageAccounting: () => accountant.snapshot(),
      ...(stability ? { stability } : {}),
    });
    emit({ type: 'run-finished', summary: written });
  } finally {
    unsubscribe?.();
    await o.gateway?.close();
  }
}

/** Run one stage, emitting its start, progress, failures and end. */
async function stage<T>(
  emit: (e: ReviewEvent) => void,
  signal: AbortSignal,
  name: StageName,
  total: number,
  unit: 'papers' | 'batches' | 'sections' | 'steps',
  fn: (ctx: StageContext) => Promise<T>,
): Promise<T> {
  const t0 = Date.now();
  let done = 0;
  let failed = 0;
  emit({ type: 'stage-started', stage: name, total, unit });
  const ctx: StageContext = {
    signal,
    progress: (d, t, f) => {
      done = d;
      failed = f;
      emit({ type: 'stage-progress', stage: name, done: d, total: t, failed: f });
    },
    paperFailed: (paperId, reason) => emit({ type: 'paper-failed', stage: name, paperId, reason }),
    warn: (message) => emit({ type: 'warning', message }),
  };
  const result = await fn(ctx);
  emit({ type: 'stage-finished', stage: name, done, failed, durationMs: Date.now() - t0 });
  return result;
}
