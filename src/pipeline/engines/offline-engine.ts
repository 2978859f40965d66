import { assignToTaxonomy } from '../../offline/assign-taxonomy.js';
import { classifyOfflineSteps } from '../../offline/classify.js';
import { screenOffline } from '../../offline/screen.js';
import { screenCriteriaOffline } from '../../offline/screen-criteria.js';
import { synthesizeSteps } from '../../offline/synthesize.js';
import { induceTaxonomySteps } from '../../offline/taxonomy.js';
import { runStepsCooperatively, type Steps } from '../../review/cooperative-loop.js';
import type { ReviewEngine, StageContext } from '../../review/engine.js';

/**
 * Run an offline stage's steps cooperatively: progress reported, the event loop free, Ctrl-C honoured.
 * With `units`, progress is shown in the stage's own unit (papers), however many steps each takes.
 */
function cooperate<T>(steps: Steps<T>, ctx: StageContext, what: string, units?: number): Promise<T> {
  const progress = (p: { done: number; total: number }) =>
    units === undefined || p.total === 0 ? ctx.progress(p.done, p.total, 0) : ctx.progress(Math.floor((p.done / p.total) * units), units, 0);
  return runStepsCooperatively(steps, { signal: ctx.signal, what, progress });
}

/** The same stages with no model: extractive and deterministic. */
export function createOfflineEngine(): ReviewEngine {
  return {
    kind: 'offline',
    async screen(papers, topic, ctx) {
      const result = screenOffline(papers, topic);
      ctx.progress(papers.length, papers.length, 0);
      return result;
    },
    async screenCriteria(papers, criteria, ctx) {
      const result = screenCriteriaOffline(papers, criteria);
      ctx.progress(papers.length, papers.length, 0);
      return result;
    },
    async classify(papers, ctx) {
      const annotations = await cooperate(classifyOfflineSteps(papers), ctx, 'classify', papers.length);
      ctx.progress(papers.length, papers.length, 0);
      return annotations;
    },
    async induceTaxonomy(papers, annotations, ctx) {
      const taxonomy = await cooperate(induceTaxonomySteps(papers, annotations), ctx, 'taxonomy');
      ctx.progress(1, 1, 0);
      return taxonomy;
    },
    async applyTaxonomy(papers, annotations, categories, ctx) {
      const taxonomy = assignToTaxonomy(papers, annotations, categories);
      ctx.progress(1, 1, 0);
      return taxonomy;
    },
    async synthesize(input, ctx) {
      const draft = await cooperate(synthesizeSteps(input), ctx, 'synthesize');
      const sections = input.taxonomy.categories.length + 1;
      ctx.progress(sections, sections, 0);
      return draft;
    },
  };
}
