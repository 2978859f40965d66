import { seededRandom } from '../../text/seeded-random.js';
import { dotDense, type SparseVector } from './tfidf.js';

/**
 * Spherical k-means (cosine similarity on L2-normalised vectors) and bisecting k-means with a
 * seeded k-means++ initialisation. Same input and seed, same clusters.
 */

/** The normalised mean of some vectors (a zero vector for none). */
export function centroidOf(vectors: readonly SparseVector[], members: readonly number[], dims: number): Float64Array {
  const c = new Float64Array(dims);
  for (const m of members) {
    const v = vectors[m]!;
    for (let k = 0; k < v.indices.length; k++) c[v.indices[k]!]! += v.values[k]!;
  }
  let norm = 0;
  for (let i = 0; i < dims; i++) norm += c[i]! * c[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dims; i++) c[i]! /= norm;
  return c;
}

/** Index of the most similar centroid (ties: the lower index). */
export function nearest(v: SparseVector, centroids: readonly Float64Array[]): { index: number; sim: number } {
  let index = 0;
  let sim = -Infinity;
  centroids.forEach((c, i) => {
    const s = dotDense(v, c);
    if (s > sim + 1e-12) {
      sim = s;
      index = i;
    }
  });
  return { index, sim };
}

/** Spherical k-means from given centroids; clusters may end up empty. Returns the groups of members. */
export function sphericalKMeans(
  vectors: readonly SparseVector[],
  members: readonly number[],
  initial: Float64Array[],
  dims: number,
  maxIter = 20,
): number[][] {
  let centroids = initial;
  let assign: number[] = members.map(() => -1);
  for (let iter = 0; iter < maxIter; iter++) {
    const next = members.map((m) => nearest(vectors[m]!, centroids).index);
    const changed = next.some((a, i) => a !== assign[i]);
    assign = next;
    if (!changed) break;
    centroids = centroids.map((c, k) => {
      const group = members.filter((_, i) => assign[i] === k);
      return group.length > 0 ? centroidOf(vectors, group, dims) : c;
    });
  }
  return centroids.map((_, k) => members.filter((_, i) => assign[i] === k));
}

/** Sum of cosine distances of members to their centroid. */
export function clusterCost(vectors: readonly SparseVector[], members: readonly number[], dims: number): number {
  const c = centroidOf(vectors, members, dims);
  return members.reduce((s, m) => s + (1 - dotDense(vectors[m]!, c)), 0);
}

/** Split one cluster in two: the best of several seeded k-means++ starts. */
function bisect(vectors: readonly SparseVector[], members: readonly number[], dims: number, random: () => number, trials: number): number[][] | null {
  let best: { parts: number[][]; cost: number } | null = null;
  for (let t = 0; t < trials; t++) {
    const first = members[Math.floor(random() * members.length)]!;
    const c0 = centroidOf(vectors, [first], dims);
    const dist = members.map((m) => Math.max(0, 1 - dotDense(vectors[m]!, c0)) ** 2);
    const total = dist.reduce((a, b) => a + b, 0);
    let r = random() * total;
    let second = members[members.length - 1]!;
    for (let i = 0; i < members.length; i++) {
      r -= dist[i]!;
      if (r <= 0 && members[i] !== first) {
        second = members[i]!;
        break;
      }
    }
    const parts = sphericalKMeans(vectors, members, [c0, centroidOf(vectors, [second], dims)], dims);
    if (parts.some((p) => p.length === 0)) continue;
    const cost = parts.reduce((s, p) => s + clusterCost(vectors, p, dims), 0);
    if (!best || cost < best.cost - 1e-12) best = { parts, cost };
  }
  return best?.parts ?? null;
}

/**
 * Bisecting k-means: repeatedly split the cluster with the highest cost (among those large enough
 * to give two parts of `minSize`). Returns the partition reached after each split, from one
 * cluster up to `kMax` (fewer when nothing more can be split).
 */
export function bisectingKMeans(
  vectors: readonly SparseVector[],
  dims: number,
  kMax: number,
  options: { seed: number; minSize: number; trials?: number },
): number[][][] {
  const random = seededRandom(options.seed);
  let clusters: number[][] = [vectors.map((_, i) => i)];
  const partitions: number[][][] = [clusters];
  const blocked = new Set<string>();
  while (clusters.length < kMax) {
    const candidates = clusters
      .map((c, i) => ({ i, cost: clusterCost(vectors, c, dims), c }))
      .filter((x) => x.c.length >= 2 * options.minSize && !blocked.has(x.c.join(',')))
      .sort((a, b) => b.cost - a.cost || a.i - b.i);
    const target = candidates[0];
    if (!target) break;
    const parts = bisect(vectors, target.c, dims, random, options.trials ?? 5);
    if (!parts || parts.some((p) => p.length < options.minSize)) {
      blocked.add(target.c.join(','));
      continue;
    }
    clusters = [...clusters.slice(0, target.i), ...parts, ...clusters.slice(target.i + 1)];
    partitions.push(clusters);
  }
  return partitions;
}
