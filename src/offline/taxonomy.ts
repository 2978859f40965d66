import type { Paper } from '../corpus/paper.js';
import type { Annotation, Taxonomy, TaxonomyCategory } from '../review/annotation.js';
import { labelClusters, type LabelDoc } from './category-names.js';
import { bisectingKMeans } from './cluster/kmeans.js';
import { lsaProject } from './cluster/lsa.js';
import { refinePartition, silhouetteScorer } from './cluster/refine.js';
import { buildTfidf, type SparseVector } from './cluster/tfidf.js';
import { indexTerms } from './text/tokens.js';

/** Fixed seed: the same papers always give the same taxonomy. */
const SEED = 20240611;
const K_MIN = 5;
const K_MAX = 12;

/** The text a paper is clustered on: title twice, abstract, method family twice. */
export function paperClusterText(paper: Paper, annotation: Annotation | undefined): string {
  const title = paper.titleDerived ? '' : paper.title;
  const family = annotation?.status === 'ok' ? annotation.methodFamily : '';
  return [title, title, paper.abstract, family, family].join('\n');
}

/** How many categories may be asked for: 5..12, fewer only when there are too few papers. */
export function categoryRange(n: number): { kMin: number; kMax: number } {
  const kMax = Math.max(1, Math.min(K_MAX, Math.floor(n / 3)));
  return { kMin: Math.min(K_MIN, kMax), kMax };
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

/**
 * The offline taxonomy stage: TF-IDF vectors (title, abstract and method family; stop words out;
 * sublinear tf), reduced by LSA, clustered by seeded bisecting spherical k-means with k in 5..12
 * chosen by the silhouette; categories named by their distinctive terms. Every paper is in exactly
 * one category, no category is empty, ids run c1..cN by size then name. Papers are processed in id
 * order, so the result does not depend on the order they come in.
 */
export function induceTaxonomyOffline(papers: Paper[], annotations: Annotation[]): Taxonomy {
  if (papers.length === 0) return { source: 'offline', categories: [] };
  const byId = new Map(annotations.map((a) => [a.paperId, a]));
  const order = papers.map((_, i) => i).sort((a, b) => (papers[a]!.id < papers[b]!.id ? -1 : papers[a]!.id > papers[b]!.id ? 1 : a - b));
  const docs: LabelDoc[] = order.map((i) => {
    const annotation = byId.get(papers[i]!.id);
    return { text: paperClusterText(papers[i]!, annotation), abstract: papers[i]!.abstract, annotation };
  });
  const model = buildTfidf(docs.map((d) => indexTerms(d.text)));
  const n = docs.length;
  const dims = model.terms.length;
  let clusters: number[][];
  if (dims === 0 || n < 2) {
    clusters = [docs.map((_, i) => i)];
  } else if (n >= 20) {
    const rank = Math.min(100, Math.max(10, Math.floor(n / 5)));
    const lsa = lsaProject(model.vectors, dims, rank, SEED);
    clusters = chooseClusters(lsa, lsa[0]!.indices.length, n);
  } else {
    clusters = chooseClusters(model.vectors, dims, n);
  }
  const labels = labelClusters(model, clusters, docs);
  const position = new Map(papers.map((p, i) => [p.id, i]));
  const categories = clusters
    .map((members, k) => ({
      name: labels[k]!.name,
      definition: labels[k]!.definition,
      paperIds: members.map((m) => papers[order[m]!]!.id).sort((a, b) => position.get(a)! - position.get(b)!),
    }))
    .sort((a, b) => b.paperIds.length - a.paperIds.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c, i): TaxonomyCategory => ({ id: `c${i + 1}`, ...c }));
  return { source: 'offline', categories };
}
