import type { ReviewEngine } from '../../review/engine.js';
import { classifyWithModel } from '../stages/classify-stage.js';
import type { ModelStageDeps } from '../stages/model-stage-deps.js';
import { screenWithModel } from '../stages/screen-stage.js';
import { synthesizeWithModel } from '../stages/synthesize-stage.js';
import { applySubcategoriesWithModel, subcategorizeWithModel } from '../stages/subcategory-stage.js';
import { assignWithModel, induceTaxonomyWithModel } from '../stages/taxonomy-stage.js';

/** The review stages through an OpenAI-compatible model (with cache, retries and repair behind the gateway). */
export function createModelEngine(deps: ModelStageDeps): ReviewEngine {
  return {
    kind: 'model',
    screen: (papers, topic, ctx) => screenWithModel(deps, papers, topic, ctx),
    classify: (papers, ctx) => classifyWithModel(deps, papers, ctx),
    induceTaxonomy: async (papers, annotations, ctx) =>
      subcategorizeWithModel(deps, papers, annotations, await induceTaxonomyWithModel(deps, papers, annotations, ctx), ctx),
    applyTaxonomy: async (papers, annotations, categories, ctx) =>
      applySubcategoriesWithModel(deps, papers, annotations, categories, await assignWithModel(deps, papers, annotations, categories, ctx, 'file'), ctx),
    synthesize: (input, ctx) => synthesizeWithModel(deps, input, ctx),
  };
}
