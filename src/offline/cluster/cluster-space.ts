import type { Steps } from '../../review/cooperative-loop.js';
import { denseFromSparse, strideSample, type DenseRows } from './dense.js';
import { lsaCoordinates, lsaFitSteps, lsaProject } from './lsa.js';
import { buildTfidf, vectorOver, type SparseVector, type TfidfModel } from './tfidf.js';

/**
 * The space papers are clustered in. Up to `EXACT_LIMIT` documents, TF-IDF and LSA are computed
 * over all of them (as litrev always has). Above it, the vocabulary, the idf and the LSA directions
 * are fitted on a fixed stride sample of `EXACT_LIMIT` documents, and every document is projected
 * into that space in time linear in its terms: nothing is quadratic in the corpus, and memory holds
 * one dense row of `rank` numbers per paper instead of its whole term vector.
 */
export const EXACT_LIMIT = 3000;
const LSA_RANK_MAX = 100;

export interface ClusterSpace {
  /** The documents the vocabulary and the labels come from: all of them, or the sample (indices into docs). */
  sample: number[];
  /** TF-IDF model of the sample's documents (positions in `sample`). */
  model: TfidfModel;
  /** The sample's vectors clustering starts from: LSA coordinates (20 documents or more), else TF-IDF. */
  sampleVectors: SparseVector[];
  sampleDims: number;
  /** Dense LSA coordinates of every document (null below 20 documents, or with no shared terms). */
  rows: DenseRows | null;
}

export function lsaRank(n: number): number {
  return Math.min(LSA_RANK_MAX, Math.max(10, Math.floor(n / 5)));
}

/** Build the space for documents given by their index terms (`termsOf(i)`), one step per document. */
export function* buildClusterSpace(n: number, termsOf: (i: number) => string[], seed: number, total: { done: number; total: number }): Steps<ClusterSpace> {
  const all = Array.from({ length: n }, (_, i) => i);
  const sample = n <= EXACT_LIMIT ? all : strideSample(all, EXACT_LIMIT);
  const sampleTerms: string[][] = [];
  for (const i of sample) {
    sampleTerms.push(termsOf(i));
    yield { done: ++total.done, total: total.total };
  }
  const model = buildTfidf(sampleTerms);
  const dims = model.terms.length;
  if (dims === 0 || n < 2 || n < 20) return { sample, model, sampleVectors: model.vectors, sampleDims: dims, rows: null };
  if (n <= EXACT_LIMIT) {
    const lsa = lsaProject(model.vectors, dims, lsaRank(n), seed);
    const rank = lsa[0]!.indices.length;
    return { sample, model, sampleVectors: lsa, sampleDims: rank, rows: denseFromSparse(lsa, rank) };
  }
  const basis = yield* lsaFitSteps(model.vectors, dims, lsaRank(n), seed);
  const index = new Map(model.terms.map((t, i) => [t, i]));
  const rows: DenseRows = { n, rank: basis.rank, data: new Float64Array(n * basis.rank) };
  const inSample = new Map(sample.map((d, j) => [d, j]));
  for (let i = 0; i < n; i++) {
    const j = inSample.get(i);
    const vector = j !== undefined ? model.vectors[j]! : vectorOver(termsOf(i), index, model.idf);
    lsaCoordinates(vector, basis, rows.data.subarray(i * basis.rank, (i + 1) * basis.rank));
    if (j === undefined) yield { done: ++total.done, total: total.total };
  }
  const sampleVectors = sample.map((i) => {
    const values = Array.from(rows.data.subarray(i * basis.rank, (i + 1) * basis.rank));
    return { indices: values.map((_, k) => k), values };
  });
  return { sample, model, sampleVectors, sampleDims: basis.rank, rows };
}
