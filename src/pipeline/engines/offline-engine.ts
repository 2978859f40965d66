import { assignToTaxonomy } from '../../offline/assign-taxonomy.js';
import { classifyOffline } from '../../offline/classify.js';
import { screenOffline } from '../../offline/screen.js';
import { screenCriteriaOffline } from '../../offline/screen-criteria.js';
import { synthesizeOffline } from '../../offline/synthesize.js';
import { induceTaxonomyOffline } from '../../offline/taxonomy.js';
import type { ReviewEngine } from '../../review/engine.js';

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
      const annotations = classifyOffline(papers);
      ctx.progress(papers.length, papers.length, 0);
      return annotations;
    },
    async induceTaxonomy(papers, annotations, ctx) {
      const taxonomy = induceTaxonomyOffline(papers, annotations);
      ctx.progress(1, 1, 0);
      return taxonomy;
    },
    async applyTaxonomy(papers, annotations, categories, ctx) {
      const taxonomy = assignToTaxonomy(papers, annotations, categories);
      ctx.progress(1, 1, 0);
      return taxonomy;
    },
    async synthesize(input, ctx) {
      const draft = synthesizeOffline(input);
      const sections = input.taxonomy.categories.length + 1;
      ctx.progress(sections, sections, 0);
      return draft;
    },
  };
}
