import type { Paper } from '../corpus/paper.js';
import type { Annotation, Taxonomy, TaxonomyCategory } from '../review/annotation.js';
import type { CategorySpec } from '../review/engine.js';
import { centroidOf, nearest } from './cluster/kmeans.js';
import { runSteps, type Steps } from '../review/cooperative-loop.js';
import { buildTfidf, dotDense, dotSparse, vectorOver } from './cluster/tfidf.js';
import { paperClusterText } from './taxonomy.js';
import { indexTerms } from './text/tokens.js';
import { listedPlacement } from '../review/listed-papers.js';

/**
 * Apply a given list of categories (a taxonomy the user edited): a paper the file lists in a category
 * stays there; every other paper goes to the category whose name and definition, and listed papers,
 * are most similar to its text (TF-IDF cosine; ties to the earlier category). A paper sharing no term
 * with any category goes to the category whose assigned papers it resembles most. Categories keep their ids and order; one may end up with no paper. A category
 * with subcategories has its papers placed among them the same way.
 */
export function assignToTaxonomy(papers: Paper[], annotations: Annotation[], categories: CategorySpec[]): Taxonomy {
  return runSteps(assignToTaxonomySteps(papers, annotations, categories));
}

/** The same, as steps (one per paper read, then one per category placed), for a large corpus to run cooperatively. */
export function* assignToTaxonomySteps(papers: Paper[], annotations: Annotation[], categories: CategorySpec[], nested = false): Steps<Taxonomy> {
  if (categories.length === 0) return { source: 'file', categories: [] };
  const byId = new Map(annotations.map((a) => [a.paperId, a]));
  const paperDocs: string[][] = [];
  for (const [i, p] of papers.entries()) {
    paperDocs.push(indexTerms(paperClusterText(p, byId.get(p.id))));
    // Progress counts the top level's papers; a category's own pass over its subcategories is quiet.
    yield nested ? undefined : { done: i + 1, total: papers.length };
  }
  const categoryDocs = categories.map((c) => indexTerms(`${c.name}\n${c.name}\n${c.definition}`));
  const model = buildTfidf([...paperDocs, ...categoryDocs], { minDf: 1, maxDfRatio: 1 });
  const index = new Map(model.terms.map((t, i) => [t, i]));
  const paperVecs = paperDocs.map((d) => vectorOver(d, index, model.idf));
  const catVecs = categoryDocs.map((d) => vectorOver(d, index, model.idf));
  const listed = listedPlacement(papers, categories);
  const listedMembers = categories.map((_, k) => papers.flatMap((p, i) => (listed.get(p.id) === k ? [i] : [])));
  // A category's listed papers describe it too: an unlisted paper like them joins them.
  const listedCentroids = listedMembers.map((m) => (m.length > 0 ? centroidOf(paperVecs, m, model.terms.length) : null));
  const choice = paperVecs.map((v, i) => {
    const pinned = listed.get(papers[i]!.id);
    if (pinned !== undefined) return pinned;
    let best = -1;
    let bestSim = 0;
    catVecs.forEach((c, k) => {
      const centroid = listedCentroids[k];
      const s = dotSparse(v, c) + (centroid ? dotDense(v, centroid) : 0);
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
  const placed: TaxonomyCategory[] = [];
  for (const [k, c] of categories.entries()) {
    const members = papers.filter((_, i) => choice[i] === k);
    placed.push({ id: c.id, name: c.name, definition: c.definition, paperIds: members.map((p) => p.id), ...(yield* placeInSubcategories(c, members, annotations)) });
    yield undefined;
  }
  return { source: 'file', categories: placed };
}

/** A category's papers placed among its subcategories the same way (a two-level taxonomy file). */
function* placeInSubcategories(category: CategorySpec, members: Paper[], annotations: Annotation[]): Steps<Pick<TaxonomyCategory, 'subcategories'>> {
  if (!category.subcategories?.length) return {};
  const inner = yield* assignToTaxonomySteps(members, annotations, category.subcategories, true);
  return { subcategories: inner.categories.map(({ id, name, definition, paperIds }) => ({ id, name, definition, paperIds })) };
}
