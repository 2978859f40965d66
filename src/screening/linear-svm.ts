import { seededRandom } from '../text/seeded-random.js';
import type { SparseRow } from './features.js';

export interface SvmOptions {
  /** Regularisation: larger fits the labels more closely. */
  c: number;
  /** 'hinge' (L1-loss SVM, as scikit-learn's SVC with a linear kernel) or 'squared-hinge' (as LinearSVC). */
  loss: 'hinge' | 'squared-hinge';
  /** Multiplies C for relevant (true) and irrelevant (false) examples. */
  classWeight: { relevant: number; irrelevant: number };
  /** Seed of the order examples are visited in. */
  seed: number;
  maxEpochs?: number;
  tolerance?: number;
}

/** A trained linear model: score(x) = w · x + bias. */
export interface LinearModel {
  w: Float64Array;
  bias: number;
}

/**
 * A linear SVM trained by dual coordinate descent (Hsieh et al. 2008, the LIBLINEAR solver), with a
 * bias column of 1 regularised like the others, as LIBLINEAR does. Deterministic given the seed.
 */
export function trainLinearSvm(rows: readonly SparseRow[], labels: readonly boolean[], dim: number, o: SvmOptions): LinearModel {
  const n = rows.length;
  const w = new Float64Array(dim);
  let bias = 0;
  const alpha = new Float64Array(n);
  const y = labels.map((l) => (l ? 1 : -1));
  const upper = labels.map((l) => (o.loss === 'hinge' ? o.c * (l ? o.classWeight.relevant : o.classWeight.irrelevant) : Infinity));
  const diag = labels.map((l) => (o.loss === 'hinge' ? 0 : 1 / (2 * o.c * (l ? o.classWeight.relevant : o.classWeight.irrelevant))));
  const q = rows.map((x) => {
    let s = 1;
    for (let k = 0; k < x.val.length; k++) s += x.val[k]! * x.val[k]!;
    return s;
  });
  const random = seededRandom(o.seed);
  const order = Array.from({ length: n }, (_, i) => i);
  const maxEpochs = o.maxEpochs ?? 100;
  const tolerance = o.tolerance ?? 0.1;
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (const i of order) {
      const x = rows[i]!;
      let wx = bias;
      for (let k = 0; k < x.idx.length; k++) wx += w[x.idx[k]!]! * x.val[k]!;
      const g = y[i]! * wx - 1 + diag[i]! * alpha[i]!;
      const pg = alpha[i] === 0 ? Math.min(g, 0) : alpha[i] === upper[i] ? Math.max(g, 0) : g;
      maxPg = Math.max(maxPg, pg);
      minPg = Math.min(minPg, pg);
      if (Math.abs(pg) < 1e-12) continue;
      const old = alpha[i]!;
      alpha[i] = Math.min(Math.max(old - g / (q[i]! + diag[i]!), 0), upper[i]!);
      const d = (alpha[i]! - old) * y[i]!;
      for (let k = 0; k < x.idx.length; k++) w[x.idx[k]!]! += d * x.val[k]!;
      bias += d;
    }
    if (maxPg - minPg < tolerance) break;
  }
  return { w, bias };
}
