import type { Paper } from '../corpus/paper.js';
import type { Annotation, Taxonomy, TaxonomyCategory, TaxonomySubcategory } from '../review/annotation.js';
import { runSteps, type Steps } from '../review/cooperative-loop.js';
import { labelClustersSteps, type CategoryLabel, type LabelDoc } from './category-names.js';
import { buildClusterSpace, EXACT_LIMIT, type ClusterSpace } from './cluster/cluster-space.js';
import { denseCentroid, denseKMeansSteps, dissolveSmall } from './cluster/dense.js';
import { bisectingKMeans } from './cluster/kmeans.js';
import { refinePartition, silhouetteScorer } from './cluster/refine.js';
import { subcategorySteps, SUBCATEGORY_MIN_PAPERS, TWO_LEVEL_FROM } from './cluster/subcategories.js';
import type { SparseVector } from './cluster/tfidf.js';
import { UniqueNames } from './unique-names.js';
import { indexTerms } from './text/tokens.js';

/** Fixed seed: the same papers always give the same taxonomy. */
const SEED = 20240611;
const K_MIN = 5;
const K_MAX = 16;
/** Below TWO_LEVEL_FROM papers, a category this large is split into subcategories (the groups its section describes). */
const SMALL_CORPUS_SUBCATEGORY_MIN = 16;
/** Global k-means passes that carry the sample's clusters over to a large corpus. */
const CORPUS_PASSES = 3;

/** The text a paper is clustered on: title twice, abstract, method family twice. */
export function paperClusterText(paper: Paper, annotation: Annotation | undefined): string {
  const title = paper.titleDerived ? '' : paper.title;
  const family = annotation?.status === 'ok' ? annotation.methodFamily : '';
  return [title, title, paper.abstract, family, family].join('\n');
}

/**
 * How many categories may be asked for: about sqrt(n/2) (the usual rule of thumb for the number of
 * clusters of n documents), one either side of it for the silhouette to choose from, within 5..16, fewer
 * only when there are too few papers. The silhouette alone, over a wide range, prefers a few broad
 * categories that mix research areas (a survey of 400 papers has a dozen or more sections).
 */
export function categoryRange(n: number): { kMin: number; kMax: number } {
  const target = Math.min(K_MAX - 1, Math.max(K_MIN + 1, Math.round(Math.sqrt(n / 2))));
  const kMax = Math.max(1, Math.min(target + 1, Math.floor(n / 3)));
  return { kMin: Math.min(target - 1, kMax), kMax };
}

function chooseClusters(vectors: SparseVector[], dims: number, n: number): number[][] {
  const { kMin, kMax } = categoryRange(n);
  const minSize = Math.max(Math.min(2, n), Math.ceil(n * 0.015));
  const partitions = bisectingKMeans(vectors, dims, kMax, { seed: SEED, minSize });
  let best: { clusters: number[][]; score: number } | null = null;
  const silhouette = silhouetteScorer(vectors);
  for (let k = kMin; k <= partitions.length; k++) {
    const clusters = refinePartition(vectors, dims, partitions[k - 1]!, minSize);
    const score = silhouette(clusters);
    if (!best || score > best.score + 1e-12) best = { clusters, score };
  }
  return best?.clusters ?? [vectors.map((_, i) => i)];
}

/** Clusters of all documents (indices into docs) with their labels. */
function* clusterCorpus(space: ClusterSpace, docs: readonly LabelDoc[], progress: { done: number; total: number }): Steps<{ clusters: number[][]; labels: CategoryLabel[] }> {
  const n = docs.length;
  const { sample, model, sampleVectors, sampleDims, rows } = space;
  if (sampleDims === 0 || n < 2) return { clusters: [docs.map((_, i) => i)], labels: yield* labelClustersSteps(model, [sample.map((_, j) => j)], sample.map((d) => docs[d]!)) };
  const sampleClusters = chooseClusters(sampleVectors, sampleDims, sample.length);
  yield undefined;
  if (n <= EXACT_LIMIT || !rows) return { clusters: sampleClusters, labels: yield* labelClustersSteps(model, sampleClusters, docs) };
  // A large corpus: carry the sample's clusters to every paper, then name them from the sample.
  const centroids = sampleClusters.map((c) => denseCentroid(rows, c.map((j) => sample[j]!)));
  const all = docs.map((_, i) => i);
  const minSize = Math.ceil(n * 0.015);
  const clusters = dissolveSmall(rows, yield* denseKMeansSteps(rows, all, centroids, CORPUS_PASSES, progress), minSize);
  const position = new Map(sample.map((d, j) => [d, j]));
  const inSample = clusters.map((c) => c.flatMap((d) => (position.has(d) ? [position.get(d)!] : [])));
  const sampleDocs = sample.map((d) => docs[d]!);
  return { clusters, labels: yield* labelClustersSteps(model, inSample, sampleDocs) };
}

function byPosition(ids: string[], position: ReadonlyMap<string, number>): string[] {
  return ids.sort((a, b) => position.get(a)! - position.get(b)!);
}

function bySizeThenName<T extends { name: string; paperIds: string[] }>(a: T, b: T): number {
  return b.paperIds.length - a.paperIds.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * The offline taxonomy stage, as steps (see review/cooperative-loop.ts): TF-IDF vectors (title,
 * abstract and method family; stop words out; sublinear tf), reduced by LSA, clustered by seeded
 * bisecting spherical k-means with k near sqrt(n/2) chosen by the silhouette (see categoryRange); categories named by their
 * distinctive terms. Above 3,000 papers the space and the clusters come from a fixed sample and
 * every paper is then placed in linear time (cluster/cluster-space.ts). Every category of 16 papers
 * or more (40 from 1,000 papers) is split into subcategories the same way; no subcategory shares its
 * name with a category or another subcategory. Every paper is in exactly
 * one category (and one subcategory of it, where there are some); no category is empty; ids run
 * c1..cN by size then name (subcategories c1.1..). Papers are processed in id order, so the result
 * does not depend on the order they come in.
 */
export function* induceTaxonomySteps(papers: Paper[], annotations: Annotation[]): Steps<Taxonomy> {
  if (papers.length === 0) return { source: 'offline', categories: [] };
  const byId = new Map(annotations.map((a) => [a.paperId, a]));
  const order = papers.map((_, i) => i).sort((a, b) => (papers[a]!.id < papers[b]!.id ? -1 : papers[a]!.id > papers[b]!.id ? 1 : a - b));
  const docs: LabelDoc[] = order.map((i) => {
    const annotation = byId.get(papers[i]!.id);
    return { text: paperClusterText(papers[i]!, annotation), abstract: papers[i]!.abstract, annotation };
  });
  const n = docs.length;
  const splitFrom = n >= TWO_LEVEL_FROM ? SUBCATEGORY_MIN_PAPERS : SMALL_CORPUS_SUBCATEGORY_MIN;
  const progress = { done: 0, total: n * (1 + (n > EXACT_LIMIT ? CORPUS_PASSES : 0) + 2) };
  const space = yield* buildClusterSpace(n, (i) => indexTerms(docs[i]!.text), SEED, progress);
  const { clusters, labels } = yield* clusterCorpus(space, docs, progress);
  const position = new Map(papers.map((p, i) => [p.id, i]));
  const idOf = (m: number): string => papers[order[m]!]!.id;
  const categories: (Omit<TaxonomyCategory, 'id'> & { members: number[] })[] = clusters.map((members, k) => ({
    name: labels[k]!.name,
    definition: labels[k]!.definition,
    paperIds: byPosition(members.map(idOf), position),
    members,
  }));
  categories.sort(bySizeThenName);
  const out: TaxonomyCategory[] = [];
  const names = new UniqueNames(categories.map((c) => c.name));
  for (const [i, { members, ...c }] of categories.entries()) {
    const id = `c${i + 1}`;
    const subs = space.rows && members.length >= splitFrom ? yield* subcategorySteps(space.rows, members, docs, SEED + i, progress) : null;
    if (!subs) {
      out.push({ id, ...c });
      continue;
    }
    const subcategories: TaxonomySubcategory[] = subs
      .map((s) => ({ name: names.claim(s.label, c.name), definition: s.label.definition, paperIds: byPosition(s.members.map(idOf), position) }))
      .sort(bySizeThenName)
      .map((s, j) => ({ id: `${id}.${j + 1}`, ...s }));
    out.push({ id, ...c, subcategories });
  }
  return { source: 'offline', categories: out };
}

/** The offline taxonomy, computed straight through (see `induceTaxonomySteps`). */
export function induceTaxonomyOffline(papers: Paper[], annotations: Annotation[]): Taxonomy {
  return runSteps(induceTaxonomySteps(papers, annotations));
}
