import type { Paper } from '../corpus/paper.js';
import type { Annotation, Taxonomy, TaxonomyCategory } from '../review/annotation.js';
import type { CategorySpec } from '../review/engine.js';
import { centroidOf, nearest } from './cluster/kmeans.js';
import { buildTfidf, dotSparse, type SparseVector } from './cluster/tfidf.js';
import { paperClusterText } from './taxonomy.js';
import { indexTerms } from './text/tokens.js';


function vectorFor(terms: readonly string[], index: Map<string, number>, idf: readonly number[]): SparseVector {
  const counts = new Map<number, number>();
  for (const t of terms) {
    const i = index.get(t);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const entries = [...counts].map(([i, f]) => [i, (1 + Math.log(f)) * idf[i]!] as const).sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((s, [, v]) => s + v * v, 0)) || 1;
  return { indices: entries.map(([i]) => i), values: entries.map(([, v]) => v / norm) };
}

/**
 * Apply a given list of categories (a taxonomy the user edited): each paper goes to the category
 * whose name and definition are most similar to its text (TF-IDF cosine; ties to the earlier
 * category). A paper sharing no term with any category goes to the category whose assigned papers
 * it resembles most. Categories keep their ids and order; one may end up with no paper. A category
 * with subcategories has its papers placed among them the same way.
 */
export function assignToTaxonomy(papers: Paper[], annotations: Annotation[], categories: CategorySpec[]): Taxonomy {
  if (categories.length === 0) return { source: 'file', categories: [] };
  const byId = new Map(annotations.map((a) => [a.paperId, a]));
  const paperDocs = papers.map((p) => indexTerms(paperClusterText(p, byId.get(p.id))));
  const categoryDocs = categories.map((c) => indexTerms(`${c.name}\n${c.name}\n${c.definition}`));
  const model = buildTfidf([...paperDocs, ...categoryDocs], { minDf: 1, maxDfRatio: 1 });
  const index = new Map(model.terms.map((t, i) => [t, i]));
  const paperVecs = paperDocs.map((d) => vectorFor(d, index, model.idf));
  const catVecs = categoryDocs.map((d) => vectorFor(d, index, model.idf));
  const choice = paperVecs.map((v) => {
    let best = -1;
    let bestSim = 0;
    catVecs.forEach((c, k) => {
      const s = dotSparse(v, c);
      if (s > bestSim + 1e-12) {
        best = k;
        bestSim = s;
      }
    });
    return best;
  });
  const assigned = categories.map((_, k) => choice.flatMap((c, i) => (c === k ? [i] : [])));
  const usable = assigned.map((members, k) => ({ k, members })).filter((x) => x.members.length > 0);
  const centroids = usable.map((x) => centroidOf(paperVecs, x.members, model.terms.length));
  choice.forEach((c, i) => {
    if (c >= 0) return;
    choice[i] = centroids.length > 0 ? usable[nearest(paperVecs[i]!, centroids).index]!.k : 0;
  });
  return {
    source: 'file',
    categories: categories.map((c, k) => {
      const members = papers.filter((_, i) => choice[i] === k);
      return { id: c.id, name: c.name, definition: c.definition, paperIds: members.map((p) => p.id), ...subcategoriesOf(c, members, annotations) };
    }),
  };
}

/** A category's papers placed among its subcategories the same way (a two-level taxonomy file). */
export function subcategoriesOf(category: CategorySpec, members: Paper[], annotations: Annotation[]): Pick<TaxonomyCategory, 'subcategories'> {
  if (!category.subcategories?.length) return {};
  const inner = assignToTaxonomy(members, annotations, category.subcategories);
  return { subcategories: inner.categories.map(({ id, name, definition, paperIds }) => ({ id, name, definition, paperIds })) };
}
