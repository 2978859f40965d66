import type { Paper } from '../../corpus/paper.js';
import { paperBlocks } from '../../prompts/paper-block.js';
import { renderPrompt } from '../../prompts/prompt-file.js';
import type { Annotation, Taxonomy } from '../../review/annotation.js';
import type { CategorySpec, StageContext } from '../../review/engine.js';
import { fileTaxonomy } from '../file-taxonomy.js';
import { finalizeTaxonomy } from '../finalize-taxonomy.js';
import { assignBatchSchema, type AssignItem, type CategoryProposal } from './reply-schemas.js';
import { proposeCategories, type CategoryRule } from './taxonomy-reply.js';
import type { ModelStageDeps } from './model-stage-deps.js';
import { runBatchedStage } from './run-batched-stage.js';
import { createHash } from 'node:crypto';
import { promptFits } from './batch-fit.js';
import { chunkToFit } from './chunk-to-fit.js';
import { parseCounts, rememberedShape, shapeLedger } from './shape-ledger.js';
import { promptRoom } from '../../prompts/context-budget.js';
import { listedPlacement } from '../../review/listed-papers.js';

const MIN_CATEGORIES = 5;
const MAX_CATEGORIES = 12;
/**
 * Prompt tokens of family lines one map request holds at most, whatever the window: as many as a
 * classification batch holds of abstracts by default. The example corpus's families fit one request,
 * which proposes the categories from all of them at once (no merge round).
 */
export const MAP_TOKENS = 4000;
/** Completion tokens a category proposal is expected to take. */
const PROPOSAL_OUTPUT = 700;

/**
 * Induce a taxonomy by map-reduce: propose categories per chunk of method families (each family
 * once, with its number of papers; a paper without one by its title), merge the proposals into
 * 5-12 categories, then assign every paper to one of them. Chunks are packed into the context window.
 */
export async function induceTaxonomyWithModel(
  deps: ModelStageDeps,
  papers: Paper[],
  annotations: Annotation[],
  ctx: StageContext,
): Promise<Taxonomy> {
  const lines = familyLines(papers, annotations);
  const chunks = await rememberedChunks(deps, lines);
  let steps = chunks.length + 1;
  let done = 0;
  const step = () => ctx.progress(++done, steps, 0);

  // The final proposal follows the 5-12 rule (fewer when there are fewer papers); map proposals only the schema.
  const rule = { min: Math.min(MIN_CATEGORIES, papers.length), max: MAX_CATEGORIES };
  let proposals = await Promise.all(chunks.map(async (chunk) => {
    const r = await propose(deps, chunk, ctx, chunks.length === 1 ? rule : null);
    step();
    return r;
  }));
  // Reduce: merge the proposals, in as many rounds as the window needs; the last merge is held to the rule.
  while (proposals.length > 1) {
    const groups = chunkLines(deps, proposals.map((p) => p.map((c) => `- ${c.name}: ${c.definition}`)), Number.POSITIVE_INFINITY);
    steps += groups.length;
    const last = groups.length === 1;
    const merged = await Promise.all(groups.map(async (g) => {
      const r = await propose(deps, g.flat(), ctx, last ? rule : null);
      step();
      return r;
    }));
    if (merged.length >= proposals.length) {
      proposals = [merged.flat()];
      break;
    }
    proposals = merged;
  }
  let final = proposals.flat();
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

/** One line per method family with its paper count (in order of first paper id); untyped papers by title. */
function familyLines(papers: Paper[], annotations: Annotation[]): string[] {
  const byId = new Map(annotations.map((a) => [a.paperId, a]));
  const families = new Map<string, number>();
  const lines: string[] = [];
  for (const p of [...papers].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const a = byId.get(p.id);
    const family = a?.status === 'ok' ? a.methodFamily.trim() : '';
    if (family === '') lines.push(`- unclassified: ${p.title}`);
    else families.set(family, (families.get(family) ?? 0) + 1);
  }
  const familyList = [...families].map(([f, n]) => `- ${f}${n > 1 ? ` (${n} papers)` : ''}`);
  return [...familyList, ...lines];
}

/** Group items (each one or more lines) into chunks whose taxonomy prompt fits the context window, and `cap` tokens of items. */
function chunkLines<T extends string | string[]>(deps: ModelStageDeps, items: T[], cap: number): T[][] {
  const text = (i: T) => (Array.isArray(i) ? i.join('\n') : i);
  const room = promptRoom(deps.packing.limits(), PROPOSAL_OUTPUT);
  if (room === Number.POSITIVE_INFINITY && cap === Number.POSITIVE_INFINITY) return [items];
  const fixed = deps.packing.countTokens(taxonomyMessages(deps, []));
  const empty = deps.packing.countTokens([{ role: 'user', content: '' }]);
  return chunkToFit(items, (i) => deps.packing.countTokens([{ role: 'user', content: `${text(i)}\n` }]) - empty, Math.min(cap, room - fixed));
}

/** The map chunks a previous run used for these lines while each prompt still fits, else new ones. */
async function rememberedChunks(deps: ModelStageDeps, lines: string[]): Promise<string[][]> {
  const identity = { stage: 'taxonomy', prompt: deps.prompts.taxonomy.hash, lines: createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 32) };
  const split = (sizes: number[]) => sizes.map((n, i) => lines.slice(sizes.slice(0, i).reduce((a, b) => a + b, 0), sizes.slice(0, i + 1).reduce((a, b) => a + b, 0)));
  const reusable = (sizes: number[]) =>
    sizes.reduce((a, b) => a + b, 0) === lines.length && split(sizes).every((c) => promptFits(deps.packing.limits(), deps.packing.countTokens(taxonomyMessages(deps, c))));
  const sizes = await rememberedShape(shapeLedger(deps, identity, parseCounts), reusable, () => chunkLines(deps, lines, MAP_TOKENS).map((c) => c.length));
  return split(sizes);
}

function taxonomyMessages(deps: ModelStageDeps, items: string[], range: CategoryRule = { min: MIN_CATEGORIES, max: MAX_CATEGORIES }) {
  return renderPrompt(deps.prompts.taxonomy, { min: String(range.min), max: String(range.max), items: items.join('\n') });
}

/**
 * One taxonomy request: categories proposed for `items` (5..12, or `range` for subcategories). With `rule`
 * (a final proposal) a reply that breaks the count rule is repaired once, then the stage fails.
 */
export async function propose(
  deps: ModelStageDeps,
  items: string[],
  ctx: StageContext,
  rule: CategoryRule | null,
  range: CategoryRule = { min: MIN_CATEGORIES, max: MAX_CATEGORIES },
): Promise<CategoryProposal[]> {
  return proposeCategories(deps, taxonomyMessages(deps, items, range), rule, ctx.signal);
}

/**
 * Assign every paper to one category through the model (the schema only admits the category ids
 * given). A paper the model could not assign is placed by lexical similarity and reported. A paper a
 * taxonomy file lists in a category stays there, unasked (review/listed-papers.ts).
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
    // The annotation suffices: the method family (or, without one, the method summary), not the abstract.
    const family = a?.status === 'ok' ? a.methodFamily.trim() : '';
    const summary = a?.status === 'ok' ? a.methodSummary.trim() : '';
    const extra: Record<string, string> | null = family !== '' ? { method_family: family } : summary !== '' ? { method: summary } : null;
    return paperBlocks([{ id: p.id, title: p.title, ...(extra ? { extra } : { abstract: p.abstract }) }]);
  };
  const listed = listedPlacement(papers, categories);
  const assignment = new Map<string, string>([...listed].map(([id, k]) => [id, ids[k]!]));
  const toPlace = papers.filter((p) => !listed.has(p.id));
  const { results, failures } = await runBatchedStage<Paper, AssignItem>(
    deps,
    {
      stage: 'assign',
      ledgerIdentity: { prompt: deps.prompts.assign.hash, categories: catalogue },
      items: toPlace,
      itemText: block,
      messages: (items) => renderPrompt(deps.prompts.assign, { categories: catalogue, papers: items.map(block).join('\n\n') }),
      schemaName: 'category_assignment',
      schema: assignBatchSchema(ids),
      // A paper's assignment is a few tokens: larger batches repeat the catalogue less.
      maxItems: deps.batch.maxItems * 4,
    },
    ctx,
  );
  for (const [id, r] of results) assignment.set(id, r.categoryId);
  const unassigned = papers.filter((p) => !assignment.has(p.id));
  if (unassigned.length > 0) {
    ctx.warn(`${unassigned.length} paper(s) could not be assigned by the model (${[...failures.values()][0] ?? 'no answer'}); placed by lexical similarity`);
    // The offline engine's lexical placement is loaded only when a paper needs it.
    const { assignToTaxonomy } = await import('../../offline/assign-taxonomy.js');
    const lexical = assignToTaxonomy(unassigned, annotations, categories);
    for (const c of lexical.categories) for (const id of c.paperIds) assignment.set(id, categories.find((x) => x.name === c.name)?.id ?? c.id);
  }
  return source === 'file' ? fileTaxonomy(categories, assignment) : finalizeTaxonomy(categories, assignment, source);
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
