import type { StepProgress } from '../../review/cooperative-loop.js';
import type { SparseVector } from './tfidf.js';

/**
 * Documents as rows of one dense matrix (n × rank, row-major, each row L2-normalised): the
 * LSA coordinates of a whole corpus in one allocation, and the linear-time spherical k-means
 * passes that assign 100,000 of them to a few centroids.
 */
export interface DenseRows {
  n: number;
  rank: number;
  data: Float64Array;
}

export function denseRow(rows: DenseRows, i: number): Float64Array {
  return rows.data.subarray(i * rows.rank, (i + 1) * rows.rank);
}

/** A row as a sparse vector over all `rank` dimensions (what the sparse clustering code takes). */
export function rowAsSparse(rows: DenseRows, i: number): SparseVector {
  const values = Array.from(denseRow(rows, i));
  return { indices: values.map((_, k) => k), values };
}

/** Dense rows from sparse vectors over `rank` dimensions. */
export function denseFromSparse(vectors: readonly SparseVector[], rank: number): DenseRows {
  const data = new Float64Array(vectors.length * rank);
  vectors.forEach((v, i) => v.indices.forEach((k, j) => (data[i * rank + k] = v.values[j]!)));
  return { n: vectors.length, rank, data };
}

/** The normalised mean of some rows. */
export function denseCentroid(rows: DenseRows, members: readonly number[]): Float64Array {
  const c = new Float64Array(rows.rank);
  for (const m of members) {
    const base = m * rows.rank;
    for (let k = 0; k < rows.rank; k++) c[k]! += rows.data[base + k]!;
  }
  let norm = 0;
  for (let k = 0; k < rows.rank; k++) norm += c[k]! * c[k]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let k = 0; k < rows.rank; k++) c[k]! /= norm;
  return c;
}

/** Index of the most similar centroid to row i (ties: the lower index). */
export function denseNearest(rows: DenseRows, i: number, centroids: readonly Float64Array[]): number {
  const base = i * rows.rank;
  let best = 0;
  let sim = -Infinity;
  for (let c = 0; c < centroids.length; c++) {
    const centroid = centroids[c]!;
    let s = 0;
    for (let k = 0; k < rows.rank; k++) s += rows.data[base + k]! * centroid[k]!;
    if (s > sim + 1e-12) {
      sim = s;
      best = c;
    }
  }
  return best;
}

/**
 * Spherical k-means over `members` from the given centroids, `passes` rounds at most (each linear
 * in the members), one step per member assigned. Returns the groups (some may be empty).
 */
export function* denseKMeansSteps(
  rows: DenseRows,
  members: readonly number[],
  initial: readonly Float64Array[],
  passes: number,
  progress: { done: number; total: number },
): Generator<StepProgress, number[][], undefined> {
  let centroids = [...initial];
  let assign = new Int32Array(members.length).fill(-1);
  for (let pass = 0; pass < passes; pass++) {
    const next = new Int32Array(members.length);
    let changed = false;
    for (let j = 0; j < members.length; j++) {
      next[j] = denseNearest(rows, members[j]!, centroids);
      if (next[j] !== assign[j]) changed = true;
      if ((j & 255) === 255) yield { done: progress.done + j, total: progress.total };
    }
    progress.done += members.length;
    assign = next;
    if (!changed) break;
    const groups = groupsOf(members, assign, centroids.length);
    centroids = centroids.map((c, k) => (groups[k]!.length ? denseCentroid(rows, groups[k]!) : c));
  }
  return groupsOf(members, assign, centroids.length);
}

function groupsOf(members: readonly number[], assign: Int32Array, k: number): number[][] {
  const groups: number[][] = Array.from({ length: k }, () => []);
  for (let j = 0; j < members.length; j++) groups[assign[j]!]!.push(members[j]!);
  return groups;
}

/** Dissolve groups smaller than `minSize` into the nearest remaining ones (smallest first); no group is empty. */
export function dissolveSmall(rows: DenseRows, groups: number[][], minSize: number): number[][] {
  let out = groups.filter((g) => g.length > 0);
  for (;;) {
    const smallest = out.reduce((best, g, i) => (g.length < out[best]!.length ? i : best), 0);
    if (out.length <= 1 || out[smallest]!.length >= minSize) break;
    const orphans = out[smallest]!;
    out = out.filter((_, i) => i !== smallest);
    const centroids = out.map((g) => denseCentroid(rows, g));
    for (const o of orphans) out[denseNearest(rows, o, centroids)]!.push(o);
  }
  return out.map((g) => [...g].sort((a, b) => a - b));
}

/** Every `step`-th of `items` so that at most `limit` remain (all of them when there are few). */
export function strideSample<T>(items: readonly T[], limit: number): T[] {
  if (items.length <= limit) return [...items];
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * step)]!);
}
