import type { Paper } from '../../corpus/paper.js';
import { paperBlocks } from '../../prompts/paper-block.js';
import { renderPrompt } from '../../prompts/prompt-file.js';
import { assignToTaxonomy } from '../../offline/assign-taxonomy.js';
import type { Annotation, Taxonomy } from '../../review/annotation.js';
import type { CategorySpec, StageContext } from '../../review/engine.js';
import { finalizeTaxonomy } from '../finalize-taxonomy.js';
import { assignBatchSchema, CategoryProposalSchema, type AssignItem, type CategoryProposal } from './reply-schemas.js';
import type { ModelStageDeps } from './model-stage-deps.js';
import { runBatchedStage } from './run-batched-stage.js';

const MIN_CATEGORIES = 5;
const MAX_CATEGORIES = 12;
/** Lines of method families per map request: keeps each request well inside a context window. */
const MAP_CHUNK = 150;

/**
 * Induce a taxonomy by map-reduce: propose categories per chunk of method families, merge the
 * proposals into 5-12 categories, then assign every paper to one of them.
 */
export async function induceTaxonomyWithModel(
  deps: ModelStageDeps,
  papers: Paper[],
  annotations: Annotation[],
  ctx: StageContext,
): Promise<Taxonomy> {
  const byId = new Map(annotations.map((a) => [a.paperId, a]));
  const lines = [...papers]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((p) => {
      const a = byId.get(p.id);
      return `- ${a?.status === 'ok' && a.methodFamily ? a.methodFamily : 'unclassified'}: ${p.title}`;
    });
  const chunks: string[][] = [];
  for (let i = 0; i < lines.length; i += MAP_CHUNK) chunks.push(lines.slice(i, i + MAP_CHUNK));
  const steps = chunks.length + (chunks.length > 1 ? 1 : 0) + 1;
  let done = 0;
  const step = () => ctx.progress(++done, steps, 0);

  const proposals = await Promise.all(chunks.map(async (chunk) => {
    const r = await propose(deps, chunk, ctx);
    step();
    return r;
  }));
  let final = proposals.flat();
  if (chunks.length > 1) {
    final = await propose(deps, final.map((c) => `- ${c.name}: ${c.definition}`), ctx);
    step();
  }
  if (final.length === 0) throw new Error('the model proposed no categories');
  if (final.length > MAX_CATEGORIES) {
    ctx.warn(`the model proposed ${final.length} categories; keeping the first ${MAX_CATEGORIES}`);
    final = final.slice(0, MAX_CATEGORIES);
  }
  const categories = dedupeNames(final).map((c, i) => ({ id: `k${i + 1}`, name: c.name.trim(), definition: c.definition.trim() }));
  const taxonomy = await assignWithModel(deps, papers, annotations, categories, ctx, 'induced');
  step();
  return taxonomy;
}

/** One taxonomy request: categories proposed for `items` (5..12, or `range` for subcategories). */
export async function propose(deps: ModelStageDeps, items: string[], ctx: StageContext, range = { min: MIN_CATEGORIES, max: MAX_CATEGORIES }): Promise<CategoryProposal[]> {
  const result = await deps.gateway.structured({
    stage: 'taxonomy',
    schemaName: 'taxonomy',
    schema: CategoryProposalSchema,
    messages: renderPrompt(deps.prompts.taxonomy, {
      min: String(range.min),
      max: String(range.max),
      items: items.join('\n'),
    }),
    sample: deps.sample,
    signal: ctx.signal,
  });
  if (!result.ok) throw new Error(`taxonomy reply rejected (${result.kind}): ${result.error}`);
  return result.value.categories.filter((c) => c.name.trim() !== '');
}

/**
 * Assign every paper to one category through the model (the schema only admits the category ids
 * given). A paper the model could not assign is placed by lexical similarity and reported.
 */
export async function assignWithModel(
  deps: ModelStageDeps,
  papers: Paper[],
  annotations: Annotation[],
  categories: CategorySpec[],
  ctx: StageContext,
  source: Taxonomy['source'],
): Promise<Taxonomy> {
  const ids = categories.map((c) => c.id) as [string, ...string[]];
  if (ids.length === 0) throw new Error('a taxonomy needs at least one category');
  const byId = new Map(annotations.map((a) => [a.paperId, a]));
  const catalogue = categories.map((c) => `- ${c.id}: ${c.name}: ${c.definition}`).join('\n');
  const block = (p: Paper) => {
    const a = byId.get(p.id);
    const described = a?.status === 'ok' && a.methodSummary !== '';
    return paperBlocks([
      {
        id: p.id,
        title: p.title,
        ...(described ? { extra: { method_family: a.methodFamily, method: a.methodSummary } } : { abstract: p.abstract }),
      },
    ]);
  };
  const { results, failures } = await runBatchedStage<Paper, AssignItem>(
    deps,
    {
      stage: 'assign',
      ledgerIdentity: { prompt: deps.prompts.assign.hash, categories: catalogue },
      items: papers,
      itemText: block,
      messages: (items) => renderPrompt(deps.prompts.assign, { categories: catalogue, papers: items.map(block).join('\n\n') }),
      schemaName: 'category_assignment',
      schema: assignBatchSchema(ids),
      maxItems: deps.batch.maxItems * 2,
    },
    ctx,
  );
  const assignment = new Map<string, string>();
  for (const [id, r] of results) assignment.set(id, r.categoryId);
  const unassigned = papers.filter((p) => !assignment.has(p.id));
  if (unassigned.length > 0) {
    ctx.warn(`${unassigned.length} paper(s) could not be assigned by the model (${[...failures.values()][0] ?? 'no answer'}); placed by lexical similarity`);
    const lexical = assignToTaxonomy(unassigned, annotations, categories);
    for (const c of lexical.categories) for (const id of c.paperIds) assignment.set(id, categories.find((x) => x.name === c.name)?.id ?? c.id);
  }
  return finalizeTaxonomy(categories, assignment, source);
}

function dedupeNames(categories: CategoryProposal[]): CategoryProposal[] {
  const seen = new Set<string>();
  return categories.filter((c) => {
    const k = c.name.trim().toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
