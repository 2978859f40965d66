import { assignToTaxonomySteps } from '../../offline/assign-taxonomy.js';
import { classifyOfflineSteps, type ClassifyInput } from '../../offline/classify.js';
import { classifyInWorkers } from '../../offline/parallel/classify-in-workers.js';
import { screenOfflineSteps } from '../../offline/screen.js';
import { screenCriteriaOfflineSteps } from '../../offline/screen-criteria.js';
import { synthesizeSteps } from '../../offline/synthesize.js';
import { induceTaxonomySteps } from '../../offline/taxonomy.js';
import type { Paper } from '../../corpus/paper.js';
import { runStepsCooperatively, type StepProgress, type Steps } from '../../review/cooperative-loop.js';
import type { ReviewEngine, StageContext } from '../../review/engine.js';

/**
 * Run an offline stage's steps cooperatively: progress reported, the event loop free, Ctrl-C honoured.
 * With `units`, progress is shown in the stage's own unit (papers), however many steps each takes.
 */
function cooperate<T>(steps: Steps<T>, ctx: StageContext, what: string, units?: number): Promise<T> {
  return runStepsCooperatively(steps, { signal: ctx.signal, what, progress: inPapers(ctx, units) });
}

/** Progress in steps, shown in the stage's own unit when given. */
function inPapers(ctx: StageContext, units?: number): (p: StepProgress) => void {
  return (p) => (units === undefined || p.total === 0 ? ctx.progress(p.done, p.total, 0) : ctx.progress(Math.floor((p.done / p.total) * units), units, 0));
}

/** Only what classify reads: a worker thread is sent these fields, not whole papers. */
function classifyInput(p: Paper): ClassifyInput {
  return { id: p.id, title: p.title, abstract: p.abstract, titleDerived: p.titleDerived };
}

export interface OfflineEngineOptions {
  /** Worker threads for classify on large corpora (1: the main thread only). */
  workers: number;
  /** Corpora smaller than this are classified on the main thread (starting workers costs more than it saves). */
  parallelMinPapers?: number;
}

/** Below this many papers, classify stays on the main thread. */
const PARALLEL_MIN_PAPERS = 2000;

/** The same stages with no model: extractive and deterministic (and the same whatever the number of workers). */
export function createOfflineEngine(options: OfflineEngineOptions = { workers: 1 }): ReviewEngine {
  const parallel = (n: number): boolean => options.workers > 1 && n >= (options.parallelMinPapers ?? PARALLEL_MIN_PAPERS);
  return {
    kind: 'offline',
    async screen(papers, topic, ctx) {
      const result = await cooperate(screenOfflineSteps(papers, topic), ctx, 'screen', papers.length);
      ctx.progress(papers.length, papers.length, 0);
      return result;
    },
    async screenCriteria(papers, criteria, ctx) {
      const result = await cooperate(screenCriteriaOfflineSteps(papers, criteria), ctx, 'screen', papers.length);
      ctx.progress(papers.length, papers.length, 0);
      return result;
    },
    async classify(papers, ctx) {
      const annotations = parallel(papers.length)
        ? await classifyInWorkers(papers.map(classifyInput), { workers: options.workers, signal: ctx.signal, progress: inPapers(ctx, papers.length) })
        : await cooperate(classifyOfflineSteps(papers), ctx, 'classify', papers.length);
      ctx.progress(papers.length, papers.length, 0);
      return annotations;
    },
    async induceTaxonomy(papers, annotations, ctx) {
      return cooperate(induceTaxonomySteps(papers, annotations), ctx, 'taxonomy');
    },
    async applyTaxonomy(papers, annotations, categories, ctx) {
      return cooperate(assignToTaxonomySteps(papers, annotations, categories), ctx, 'taxonomy');
    },
    async synthesize(input, ctx) {
      // Counted in the stage's unit, sections (one per category and the overview), however many steps each takes.
      return cooperate(synthesizeSteps(input), ctx, 'synthesize', input.taxonomy.categories.length + 1);
    },
  };
}
