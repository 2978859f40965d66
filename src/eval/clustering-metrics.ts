import { maxWeightAssignment } from '../runs/max-assignment.js';

/** Agreement of two partitions whose label names need not correspond (run categories vs gold categories). */
export interface ClusteringMetrics {
  n: number;
  /** Normalised mutual information, arithmetic-mean normalisation: I(G;R) / ((H(G) + H(R)) / 2). */
  nmi: number | null;
  /** Adjusted Rand index (Hubert and Arabie 1985). */
  ari: number | null;
  /** Share of items whose run category maps to their gold category under the best one-to-one mapping. */
  mappedAccuracy: number | null;
  /** The best one-to-one mapping, run category -> gold category (Hungarian method on the contingency table). */
  mapping: Record<string, string>;
}

interface Contingency {
  rows: string[];
  cols: string[];
  table: number[][];
}

function contingency(gold: readonly string[], run: readonly string[]): Contingency {
  const rows = [...new Set(run)].sort();
  const cols = [...new Set(gold)].sort();
  const ri = new Map(rows.map((r, i) => [r, i]));
  const ci = new Map(cols.map((c, i) => [c, i]));
  const table = rows.map(() => cols.map(() => 0));
  for (let i = 0; i < gold.length; i++) table[ri.get(run[i]!)!]![ci.get(gold[i]!)!]! += 1;
  return { rows, cols, table };
}

const choose2 = (x: number): number => (x * (x - 1)) / 2;

function entropy(counts: readonly number[], n: number): number {
  return -counts.reduce((s, c) => (c > 0 ? s + (c / n) * Math.log(c / n) : s), 0);
}

/** NMI of a contingency table; 1 when both partitions are a single cluster (they agree trivially). */
export function nmiOf(table: readonly (readonly number[])[], n: number): number {
  const rowSums = table.map((r) => r.reduce((a, b) => a + b, 0));
  const colSums = (table[0] ?? []).map((_, j) => table.reduce((s, r) => s + r[j]!, 0));
  const hr = entropy(rowSums, n);
  const hc = entropy(colSums, n);
  if (hr === 0 && hc === 0) return 1;
  let mi = 0;
  table.forEach((r, i) =>
    r.forEach((nij, j) => {
      if (nij > 0) mi += (nij / n) * Math.log((n * nij) / (rowSums[i]! * colSums[j]!));
    }),
  );
  return Math.max(0, mi / ((hr + hc) / 2));
}

/** ARI of a contingency table; 1 when the expected and maximum index coincide (identical trivial partitions). */
export function ariOf(table: readonly (readonly number[])[], n: number): number {
  const rowSums = table.map((r) => r.reduce((a, b) => a + b, 0));
  const colSums = (table[0] ?? []).map((_, j) => table.reduce((s, r) => s + r[j]!, 0));
  const index = table.reduce((s, r) => s + r.reduce((t, x) => t + choose2(x), 0), 0);
  const a = rowSums.reduce((s, x) => s + choose2(x), 0);
  const b = colSums.reduce((s, x) => s + choose2(x), 0);
  const total = choose2(n);
  const expected = total > 0 ? (a * b) / total : 0;
  const max = (a + b) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

/** NMI, ARI and the accuracy of the best one-to-one mapping of run categories onto gold categories. */
export function clusteringMetrics(gold: readonly string[], run: readonly string[]): ClusteringMetrics {
  if (gold.length !== run.length) throw new RangeError(`clusteringMetrics: ${gold.length} gold against ${run.length}`);
  const n = gold.length;
  if (n === 0) return { n, nmi: null, ari: null, mappedAccuracy: null, mapping: {} };
  const { rows, cols, table } = contingency(gold, run);
  const assigned = maxWeightAssignment(table);
  const mapping: Record<string, string> = Object.create(null);
  let hits = 0;
  assigned.forEach((j, i) => {
    if (j < 0) return;
    mapping[rows[i]!] = cols[j]!;
    hits += table[i]![j]!;
  });
  return { n, nmi: nmiOf(table, n), ari: ariOf(table, n), mappedAccuracy: hits / n, mapping };
}
