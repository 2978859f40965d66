import type { ReviewEngine } from '../../review/engine.js';
import { classifyWithModel } from '../stages/classify-stage.js';
import type { ModelStageDeps } from '../stages/model-stage-deps.js';
import { PackingState } from '../stages/packing-state.js';
import { screenWithModel } from '../stages/screen-stage.js';
import { screenCriteriaWithModel } from '../stages/criteria-stage.js';
import { synthesizeWithModel } from '../stages/synthesize-stage.js';
import { applySubcategoriesWithModel, subcategorizeWithModel } from '../stages/subcategory-stage.js';
import { assignWithModel, induceTaxonomyWithModel } from '../stages/taxonomy-stage.js';

/** The review stages through an OpenAI-compatible model (with cache, retries and repair behind the gateway). */
export function createModelEngine(base: Omit<ModelStageDeps, 'packing'>): ReviewEngine {
  const deps: ModelStageDeps = { ...base, packing: new PackingState(base.gateway) };
  return {
    kind: 'model',
    screen: (papers, topic, ctx) => screenWithModel(deps, papers, topic, ctx),
    screenCriteria: (papers, criteria, ctx) => screenCriteriaWithModel(deps, papers, criteria, ctx),
    classify: (papers, ctx) => classifyWithModel(deps, papers, ctx),
    induceTaxonomy: async (papers, annotations, ctx) =>
      subcategorizeWithModel(deps, papers, annotations, await induceTaxonomyWithModel(deps, papers, annotations, ctx), ctx),
    applyTaxonomy: async (papers, annotations, categories, ctx) =>
      applySubcategoriesWithModel(deps, papers, annotations, categories, await assignWithModel(deps, papers, annotations, categories, ctx, 'file'), ctx),
    synthesize: (input, ctx) => synthesizeWithModel(deps, input, ctx),
  };
}
