import { centroidOf, nearest, sphericalKMeans } from './kmeans.js';
import { dotSparse, type SparseVector } from './tfidf.js';

/**
 * Polishing a partition: a few rounds of global spherical k-means from its centroids, then every
 * cluster smaller than `minSize` is dissolved into the nearest remaining ones. No cluster is empty.
 */
export function refinePartition(vectors: readonly SparseVector[], dims: number, clusters: number[][], minSize: number): number[][] {
  const all = vectors.map((_, i) => i);
  let groups = sphericalKMeans(vectors, all, clusters.map((c) => centroidOf(vectors, c, dims)), dims, 10);
  for (;;) {
    groups = groups.filter((g) => g.length > 0);
    const smallest = groups.reduce((best, g, i) => (g.length < groups[best]!.length ? i : best), 0);
    if (groups.length <= 1 || groups[smallest]!.length >= minSize) break;
    const orphans = groups[smallest]!;
    groups = groups.filter((_, i) => i !== smallest);
    const centroids = groups.map((g) => centroidOf(vectors, g, dims));
    for (const o of orphans) groups[nearest(vectors[o]!, centroids).index]!.push(o);
  }
  return groups.map((g) => [...g].sort((a, b) => a - b));
}

/** Scores partitions of one fixed set of points: see `silhouetteScorer`. */
export type SilhouetteScorer = (clusters: readonly number[][]) => number;

/**
 * Mean silhouette (cosine distance) of partitions of the points 0..n-1: for each point,
 * (b - a) / max(a, b) with a its mean distance to its own cluster and b to the nearest other
 * cluster. Above `sampleLimit` points, a fixed stride sample stands for the whole (so the cost stays
 * bounded and deterministic). The sample's distances are computed once and shared by every
 * partition scored, so choosing k among several partitions costs one distance matrix.
 */
export function silhouetteScorer(vectors: readonly SparseVector[], sampleLimit = 1500): SilhouetteScorer {
  const n = vectors.length;
  const step = Math.max(1, Math.ceil(n / sampleLimit));
  const sample: number[] = [];
  for (let i = 0; i < n; i += step) sample.push(i);
  const s = sample.length;
  const distance = new Float64Array(s * s);
  for (let a = 0; a < s; a++) {
    for (let b = a + 1; b < s; b++) {
      const d = 1 - dotSparse(vectors[sample[a]!]!, vectors[sample[b]!]!);
      distance[a * s + b] = d;
      distance[b * s + a] = d;
    }
  }
  return (clusters) => {
    if (clusters.length < 2) return 0;
    const label = new Int32Array(n).fill(-1);
    clusters.forEach((c, k) => c.forEach((m) => (label[m] = k)));
    const size = clusters.map(() => 0);
    for (const m of sample) if (label[m]! >= 0) size[label[m]!]!++;
    let sum = 0;
    let counted = 0;
    const dist = new Float64Array(clusters.length);
    for (let a = 0; a < s; a++) {
      const own = label[sample[a]!]!;
      if (own < 0) continue;
      counted++;
      if (size[own]! <= 1) continue;
      dist.fill(0);
      const row = a * s;
      for (let b = 0; b < s; b++) {
        const k = label[sample[b]!]!;
        if (b !== a && k >= 0) dist[k]! += distance[row + b]!;
      }
      const within = dist[own]! / (size[own]! - 1);
      let nearest = Infinity;
      for (let k = 0; k < clusters.length; k++) if (k !== own && size[k]! > 0) nearest = Math.min(nearest, dist[k]! / size[k]!);
      const m = Math.max(within, nearest);
      if (Number.isFinite(nearest) && m > 0) sum += (nearest - within) / m;
    }
    return counted ? sum / counted : 0;
  };
}

/** The silhouette of one partition of the points 0..n-1 (see `silhouetteScorer`). */
export function silhouette(vectors: readonly SparseVector[], clusters: readonly number[][], sampleLimit = 1500): number {
  return silhouetteScorer(vectors, sampleLimit)(clusters);
}
