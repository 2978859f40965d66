import { runSteps, type Steps } from '../../review/cooperative-loop.js';
import { seededRandom } from '../../text/seeded-random.js';
import type { SparseVector } from './tfidf.js';

/**
 * Latent semantic analysis: a truncated SVD of the document-term TF-IDF matrix by seeded randomised
 * subspace iteration. Documents become dense `rank`-dimensional vectors (L2-normalised), in which
 * synonyms and co-occurring terms pull together; clustering them is steadier than raw TF-IDF.
 */
type Dense = Float64Array[];

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** X·M for sparse rows X (n×d) and dense M given by columns (r columns of length d). */
function timesColumns(rows: readonly SparseVector[], cols: Dense): Dense {
  return cols.map((col) => {
    const out = new Float64Array(rows.length);
    rows.forEach((row, i) => {
      let s = 0;
      for (let k = 0; k < row.indices.length; k++) s += row.values[k]! * col[row.indices[k]!]!;
      out[i] = s;
    });
    return out;
  });
}

/** Xᵀ·Y for sparse rows X (n×d) and dense Y given by columns (r columns of length n). */
function transposeTimesColumns(rows: readonly SparseVector[], cols: Dense, dims: number): Dense {
  return cols.map((col) => {
    const out = new Float64Array(dims);
    rows.forEach((row, i) => {
      const y = col[i]!;
      if (y === 0) return;
      for (let k = 0; k < row.indices.length; k++) out[row.indices[k]!]! += row.values[k]! * y;
    });
    return out;
  });
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Orthonormalise columns in place (modified Gram-Schmidt); drops columns that vanish. */
function orthonormalize(cols: Dense): Dense {
  const out: Dense = [];
  for (const c of cols) {
    const v = Float64Array.from(c);
    for (const q of out) {
      const p = dot(v, q);
      for (let i = 0; i < v.length; i++) v[i]! -= p * q[i]!;
    }
    const norm = Math.sqrt(dot(v, v));
    if (norm > 1e-10) out.push(v.map((x) => x / norm));
  }
  return out;
}

/** Eigen-decomposition of a small symmetric matrix (cyclic Jacobi). Returns eigenvalues and vectors (columns). */
function symmetricEigen(a: number[][]): { values: number[]; vectors: number[][] } {
  const n = a.length;
  const m = a.map((r) => [...r]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p]![q]! ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(m[p]![q]!) < 1e-15) continue;
        const theta = (m[q]![q]! - m[p]![p]!) / (2 * m[p]![q]!);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k]![p]!;
          const mkq = m[k]![q]!;
          m[k]![p] = c * mkp - s * mkq;
          m[k]![q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p]![k]!;
          const mqk = m[q]![k]!;
          m[p]![k] = c * mpk - s * mqk;
          m[q]![k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: m.map((r, i) => r[i]!), vectors: v };
}

interface LsaCore {
  r: number;
  q: Dense;
  bt: Dense;
  /** Top `r` eigenpairs of BBᵀ: [eigenvalue, column] in decreasing order. */
  order: (readonly [number, number])[];
  vectors: number[][];
}

/** The randomised SVD, as steps: a turn of the event loop between its passes over the matrix (a large sample takes seconds). */
function* lsaCoreSteps(rows: readonly SparseVector[], dims: number, rank: number, seed: number): Steps<LsaCore> {
  const r = Math.max(1, Math.min(rank, rows.length - 1, dims));
  const random = seededRandom(seed);
  const omega: Dense = Array.from({ length: r + 10 }, () => Float64Array.from({ length: dims }, () => gaussian(random)));
  let q = orthonormalize(timesColumns(rows, omega));
  yield undefined;
  for (let iter = 0; iter < 4; iter++) {
    q = orthonormalize(timesColumns(rows, transposeTimesColumns(rows, q, dims)));
    yield undefined;
  }
  // B = QᵀX (columns of Bᵀ are XᵀQ); small matrix BBᵀ = QᵀXXᵀQ.
  const bt = transposeTimesColumns(rows, q, dims);
  const gram = bt.map((a) => bt.map((b) => dot(a, b)));
  yield undefined;
  const { values, vectors } = symmetricEigen(gram);
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, r);
  return { r, q, bt, order, vectors };
}

/**
 * Project documents onto the top `rank` singular directions of their TF-IDF matrix. Returns one
 * normalised dense vector per document, as sparse vectors over `rank` dimensions so the same
 * clustering code applies.
 */
export function lsaProject(rows: readonly SparseVector[], dims: number, rank: number, seed: number): SparseVector[] {
  const { q, order, vectors } = runSteps(lsaCoreSteps(rows, dims, rank, seed));
  // Document coordinates: (Q U)_i scaled by sigma = sqrt(eigenvalue).
  return rows.map((_, i) => {
    const coords = order.map(([val, j]) => {
      let s = 0;
      q.forEach((col, k) => (s += col[i]! * vectors[k]![j]!));
      return s * Math.sqrt(Math.max(val, 0));
    });
    const norm = Math.sqrt(coords.reduce((a, b) => a + b * b, 0)) || 1;
    return { indices: coords.map((_, k) => k), values: coords.map((c) => c / norm) };
  });
}

/** The right singular directions of a fitted LSA, to project documents that were not in the fit. */
export interface LsaBasis {
  dims: number;
  rank: number;
  /** Term-major: weights[t * rank + j] is term t's weight in direction j. */
  weights: Float64Array;
}

/**
 * Fit LSA on some documents (a sample of a large corpus) and return the directions V (X = U Σ Vᵀ),
 * so that any document x gets the coordinates x·V: the same space, in time linear in its terms.
 */
export function* lsaFitSteps(rows: readonly SparseVector[], dims: number, rank: number, seed: number): Steps<LsaBasis> {
  const { r, bt, order, vectors } = yield* lsaCoreSteps(rows, dims, rank, seed);
  const weights = new Float64Array(dims * r);
  const v = new Float64Array(dims);
  order.forEach(([val, j], c) => {
    const sigma = Math.sqrt(Math.max(val, 0));
    if (sigma < 1e-12) return;
    // v_c = Bᵀ u_j / sigma, with the columns of Bᵀ in bt (summed contiguously, then stored term-major).
    v.fill(0);
    bt.forEach((col, k) => {
      const u = vectors[k]![j]! / sigma;
      if (u !== 0) for (let t = 0; t < dims; t++) v[t]! += col[t]! * u;
    });
    for (let t = 0; t < dims; t++) weights[t * r + c] = v[t]!;
  });
  return { dims, rank: r, weights };
}

/** A document's normalised coordinates in a fitted LSA space, written into `out` (length `basis.rank`). */
export function lsaCoordinates(v: SparseVector, basis: LsaBasis, out: Float64Array): void {
  const r = basis.rank;
  out.fill(0);
  for (let k = 0; k < v.indices.length; k++) {
    const base = v.indices[k]! * r;
    const x = v.values[k]!;
    for (let j = 0; j < r; j++) out[j]! += x * basis.weights[base + j]!;
  }
  let norm = 0;
  for (let j = 0; j < r; j++) norm += out[j]! * out[j]!;
  norm = Math.sqrt(norm) || 1;
  for (let j = 0; j < r; j++) out[j]! /= norm;
}
