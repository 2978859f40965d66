import type { ReviewEngine } from '../../review/engine.js';
import { cleanedGateway } from './cleaned-gateway.js';
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
  // Model text enters the review here, cleaned of control characters and bidi controls (every output file inherits it).
  const gateway = cleanedGateway(base.gateway);
  const deps: ModelStageDeps = { ...base, gateway, packing: new PackingState(gateway) };
  // Each stage starts when the one before has had all its replies: packing takes up what they taught.
  const settled = () => {
    deps.packing.settle();
    return deps;
  };
  return {
    kind: 'model',
    screen: (papers, topic, ctx) => screenWithModel(settled(), papers, topic, ctx),
    screenCriteria: (papers, criteria, ctx) => screenCriteriaWithModel(settled(), papers, criteria, ctx),
    classify: (papers, ctx) => classifyWithModel(settled(), papers, ctx),
    induceTaxonomy: async (papers, annotations, ctx) => {
      const taxonomy = await induceTaxonomyWithModel(settled(), papers, annotations, ctx);
      return subcategorizeWithModel(settled(), papers, annotations, taxonomy, ctx);
    },
    applyTaxonomy: async (papers, annotations, categories, ctx) => {
      const taxonomy = await assignWithModel(settled(), papers, annotations, categories, ctx, 'file');
      return applySubcategoriesWithModel(settled(), papers, annotations, categories, taxonomy, ctx);
    },
    synthesize: (input, ctx) => synthesizeWithModel(settled(), input, ctx),
  };
}
