import type { LinearModel } from './linear-svm.js';
import type { SparseRow } from './features.js';

/**
 * Multinomial naive Bayes over TF-IDF weights (as ASReview's default "nb" model), written as the
 * linear model it is: score(x) = Σ x_j (log p(j | relevant) - log p(j | irrelevant)) + log prior ratio.
 * `alpha` is the additive smoothing; `priors` false uses equal class priors.
 */
export function trainNaiveBayes(rows: readonly SparseRow[], labels: readonly boolean[], dim: number, alpha: number): LinearModel {
  const pos = new Float64Array(dim);
  const neg = new Float64Array(dim);
  let nPos = 0;
  for (const [i, x] of rows.entries()) {
    const target = labels[i] ? pos : neg;
    if (labels[i]) nPos++;
    for (let k = 0; k < x.idx.length; k++) target[x.idx[k]!]! += x.val[k]!;
  }
  const total = (v: Float64Array) => v.reduce((s, x) => s + x, 0) + alpha * dim;
  const tp = total(pos);
  const tn = total(neg);
  const w = new Float64Array(dim);
  for (let j = 0; j < dim; j++) w[j] = Math.log((pos[j]! + alpha) / tp) - Math.log((neg[j]! + alpha) / tn);
  const bias = Math.log(Math.max(nPos, 1) / Math.max(rows.length - nPos, 1));
  return { w, bias };
}
