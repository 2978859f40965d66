import type { Paper } from '../../corpus/paper.js';
import type { Annotation, Taxonomy, TaxonomyCategory } from '../../review/annotation.js';
import type { CategorySpec, StageContext } from '../../review/engine.js';
import type { ModelStageDeps } from './model-stage-deps.js';
import { assignWithModel, propose } from './taxonomy-stage.js';

const MIN_SUBCATEGORIES = 2;
const MAX_SUBCATEGORIES = 8;
/** Lines per proposal request, as for the categories. */
const MAP_CHUNK = 150;

function itemLine(paper: Paper, annotation: Annotation | undefined): string {
  return `- ${annotation?.status === 'ok' && annotation.methodFamily ? annotation.methodFamily : 'unclassified'}: ${paper.title}`;
}

/** Propose subcategories for one category (map-reduce over chunks of its papers), then assign its papers among them. */
async function splitCategory(
  deps: ModelStageDeps,
  category: TaxonomyCategory,
  members: Paper[],
  annotations: Annotation[],
  ctx: StageContext,
  source: Taxonomy['source'],
): Promise<TaxonomyCategory> {
  const byId = new Map(annotations.map((a) => [a.paperId, a]));
  const lines = [...members].sort((a, b) => (a.id < b.id ? -1 : 1)).map((p) => itemLine(p, byId.get(p.id)));
  const range = { min: MIN_SUBCATEGORIES, max: MAX_SUBCATEGORIES };
  const chunks: string[][] = [];
  for (let i = 0; i < lines.length; i += MAP_CHUNK) chunks.push(lines.slice(i, i + MAP_CHUNK));
  const header = `(All of these papers belong to the category "${category.name}": ${category.definition} Propose subcategories inside it.)`;
  const proposals = (await Promise.all(chunks.map((chunk) => propose(deps, [header, ...chunk], ctx, chunks.length === 1 ? range : null, range)))).flat();
  const merged = chunks.length > 1 ? await propose(deps, [header, ...proposals.map((c) => `- ${c.name}: ${c.definition}`)], ctx, range, range) : proposals;
  const seen = new Set<string>();
  const specs: CategorySpec[] = merged
    .filter((c) => {
      const k = c.name.trim().toLowerCase();
      return k !== '' && k !== category.name.trim().toLowerCase() && !seen.has(k) && (seen.add(k), true);
    })
    .slice(0, MAX_SUBCATEGORIES)
    .map((c, i) => ({ id: `s${i + 1}`, name: c.name.trim(), definition: c.definition.trim() }));
  if (specs.length < MIN_SUBCATEGORIES) return category;
  const inner = await assignWithModel(deps, members, annotations, specs, ctx, source);
  if (inner.categories.length < MIN_SUBCATEGORIES) return category;
  return { ...category, subcategories: inner.categories.map((s, i) => ({ ...s, id: `${category.id}.${i + 1}` })) };
}

/**
 * The second level of a model taxonomy: for a corpus of TWO_LEVEL_FROM papers or more, every
 * category of SUBCATEGORY_MIN_PAPERS or more gets its own taxonomy pass (subcategories proposed
 * from its papers' method families and titles, then its papers assigned among them). Requests
 * grow with the papers: each paper is in one proposal chunk and one assignment batch more.
 */
export async function subcategorizeWithModel(
  deps: ModelStageDeps,
  papers: Paper[],
  annotations: Annotation[],
  taxonomy: Taxonomy,
  ctx: StageContext,
): Promise<Taxonomy> {
  // The thresholds are the offline engine's (one rule for both), loaded here rather than on the way to the first request.
  const { SUBCATEGORY_MIN_PAPERS, TWO_LEVEL_FROM } = await import('../../offline/cluster/subcategories.js');
  if (papers.length < TWO_LEVEL_FROM) return taxonomy;
  const byId = new Map(papers.map((p) => [p.id, p]));
  const categories = await Promise.all(
    taxonomy.categories.map((c) =>
      c.paperIds.length >= SUBCATEGORY_MIN_PAPERS && !c.subcategories
        ? splitCategory(deps, c, c.paperIds.flatMap((id) => byId.get(id) ?? []), annotations, ctx, taxonomy.source)
        : c,
    ),
  );
  return { ...taxonomy, categories };
}

/** `--taxonomy FILE` with subcategories, through the model: each category's papers assigned among its given subcategories. */
export async function applySubcategoriesWithModel(
  deps: ModelStageDeps,
  papers: Paper[],
  annotations: Annotation[],
  specs: CategorySpec[],
  taxonomy: Taxonomy,
  ctx: StageContext,
): Promise<Taxonomy> {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const specOf = new Map(specs.map((s) => [s.name, s]));
  const categories = await Promise.all(
    taxonomy.categories.map(async (c) => {
      const subs = specOf.get(c.name)?.subcategories;
      if (!subs?.length) return c;
      // The file's subcategories keep their ids and order, as the offline engine keeps them.
      const inner = await assignWithModel(deps, c.paperIds.flatMap((id) => byId.get(id) ?? []), annotations, subs, ctx, 'file');
      return { ...c, subcategories: inner.categories };
    }),
  );
  return { ...taxonomy, categories };
}
