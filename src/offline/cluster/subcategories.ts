import type { Steps } from '../../review/cooperative-loop.js';
import { labelClustersSteps, type CategoryLabel, type LabelDoc } from '../category-names.js';
import { indexTerms } from '../text/tokens.js';
import { denseCentroid, denseKMeansSteps, dissolveSmall, rowAsSparse, strideSample, type DenseRows } from './dense.js';
import { bisectingKMeans } from './kmeans.js';
import { refinePartition, silhouetteScorer } from './refine.js';
import { buildTfidf } from './tfidf.js';

/** Corpora of at least this many papers get a second level: subcategories inside large categories. */
export const TWO_LEVEL_FROM = 1000;
/** A category this large (or larger) is split into subcategories. */
export const SUBCATEGORY_MIN_PAPERS = 40;
const K_MAX = 8;
const CLUSTER_SAMPLE = 1000;
const LABEL_SAMPLE = 400;

export interface Subcluster {
  members: number[];
  label: CategoryLabel;
}

/**
 * Split one category into 2..8 subcategories: seeded bisecting k-means over (a stride sample of) its
 * papers' LSA coordinates with k chosen by the silhouette, then every paper of the category goes to
 * the nearest subcategory centroid (linear in its papers). Subcategories are named by the terms that
 * set them apart from the rest of their category. Returns null when the category does not split
 * into at least two groups of a useful size.
 */
export function* subcategorySteps(
  rows: DenseRows,
  members: readonly number[],
  docs: readonly LabelDoc[],
  seed: number,
  progress: { done: number; total: number },
): Steps<Subcluster[] | null> {
  const sample = strideSample(members, CLUSTER_SAMPLE);
  const kMax = Math.min(K_MAX, Math.floor(sample.length / 10));
  if (kMax < 2) return null;
  const vectors = sample.map((i) => rowAsSparse(rows, i));
  const minSize = Math.max(3, Math.ceil(sample.length * 0.04));
  const partitions = bisectingKMeans(vectors, rows.rank, kMax, { seed, minSize });
  yield undefined;
  const silhouette = silhouetteScorer(vectors, 1000);
  let best: { clusters: number[][]; score: number } | null = null;
  for (let k = 2; k <= partitions.length; k++) {
    const clusters = refinePartition(vectors, rows.rank, partitions[k - 1]!, minSize);
    const score = silhouette(clusters);
    if (clusters.length >= 2 && (!best || score > best.score + 1e-12)) best = { clusters, score };
    yield undefined;
  }
  if (!best) return null;
  const centroids = best.clusters.map((c) => denseCentroid(rows, c.map((j) => sample[j]!)));
  const groups = dissolveSmall(rows, yield* denseKMeansSteps(rows, members, centroids, 2, progress), Math.max(3, Math.ceil(members.length * 0.04)));
  if (groups.length < 2) return null;
  const labelled = groups.map((g) => strideSample(g, Math.ceil(LABEL_SAMPLE / groups.length)));
  const flat = labelled.flat();
  const model = buildTfidf(flat.map((i) => indexTerms(docs[i]!.text)));
  let offset = 0;
  const clusters = labelled.map((g) => g.map(() => offset++));
  const labels = yield* labelClustersSteps(model, clusters, flat.map((i) => docs[i]!));
  return groups.map((g, k) => ({ members: g, label: labels[k]! }));
}
