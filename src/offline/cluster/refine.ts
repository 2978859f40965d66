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

/**
 * Mean silhouette (cosine distance) of a partition: for each point, (b - a) / max(a, b) with a its
 * mean distance to its own cluster and b to the nearest other cluster. Above `sampleLimit` points,
 * a fixed stride sample stands for the whole (so the cost stays bounded and deterministic).
 */
export function silhouette(vectors: readonly SparseVector[], clusters: readonly number[][], sampleLimit = 1500): number {
  if (clusters.length < 2) return 0;
  const label = new Map<number, number>();
  clusters.forEach((c, k) => c.forEach((m) => label.set(m, k)));
  const all = [...label.keys()].sort((a, b) => a - b);
  const step = Math.max(1, Math.ceil(all.length / sampleLimit));
  const sample = all.filter((_, i) => i % step === 0);
  const size = clusters.map(() => 0);
  for (const m of sample) size[label.get(m)!]!++;
  let sum = 0;
  for (const i of sample) {
    const own = label.get(i)!;
    if (size[own]! <= 1) continue;
    const dist = clusters.map(() => 0);
    for (const j of sample) if (j !== i) dist[label.get(j)!]! += 1 - dotSparse(vectors[i]!, vectors[j]!);
    const a = dist[own]! / (size[own]! - 1);
    let b = Infinity;
    dist.forEach((d, k) => {
      if (k !== own && size[k]! > 0) b = Math.min(b, d / size[k]!);
    });
    const m = Math.max(a, b);
    if (Number.isFinite(b) && m > 0) sum += (b - a) / m;
  }
  return sum / sample.length;
}
