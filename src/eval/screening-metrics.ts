/** One paper's screening outcome against its gold label. */
export interface ScreeningItem {
  key: string;
  title: string;
  gold: boolean;
  /** True when the run kept (included) the paper. */
  included: boolean;
}

/** Screening quality: the relevant papers are the positives. */
export interface ScreeningMetrics {
  n: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  recall: number | null;
  precision: number | null;
  specificity: number | null;
  f1: number | null;
  /** Every relevant paper the run excluded. */
  missed: { key: string; title: string }[];
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** Recall (sensitivity), precision, specificity and F1 of the run's include/exclude decisions. */
export function screeningMetrics(items: readonly ScreeningItem[]): ScreeningMetrics {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  const missed: { key: string; title: string }[] = [];
  for (const it of items) {
    if (it.gold && it.included) tp++;
    else if (!it.gold && it.included) fp++;
    else if (!it.gold && !it.included) tn++;
    else {
      fn++;
      missed.push({ key: it.key, title: it.title });
    }
  }
  const recall = ratio(tp, tp + fn);
  const precision = ratio(tp, tp + fp);
  // 2PR/(P+R) written in counts: defined whenever some paper is relevant or kept, 0 without a true positive.
  const f1 = tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null;
  return {
    n: items.length,
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
    recall,
    precision,
    specificity: ratio(tn, tn + fp),
    f1,
    missed,
  };
}
