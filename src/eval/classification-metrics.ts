import { cohensKappa } from '../runs/agreement.js';

/** Precision, recall and F1 of one class, with its support (gold count). */
export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Agreement of predicted labels with gold labels over the same items. */
export interface ClassificationMetrics {
  n: number;
  accuracy: number | null;
  kappa: number | null;
  macroF1: number | null;
  perClass: Record<string, ClassScores>;
  /** confusion[gold][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
}

/**
 * Accuracy, Cohen's kappa, macro-F1 (the mean F1 over every class that appears in gold or
 * prediction, as scikit-learn does; a class never predicted has precision 0), per-class scores and
 * the confusion matrix. `gold[i]` and `predicted[i]` label item i.
 */
export function classificationMetrics(gold: readonly string[], predicted: readonly string[]): ClassificationMetrics {
  if (gold.length !== predicted.length) throw new RangeError(`classificationMetrics: ${gold.length} gold against ${predicted.length}`);
  const n = gold.length;
  const classes = [...new Set([...gold, ...predicted])].sort();
  // Labels are data: objects without a prototype, so a label such as `__proto__` or `constructor` is a key like any other.
  const confusion: Record<string, Record<string, number>> = Object.create(null);
  for (const g of classes) confusion[g] = Object.assign(Object.create(null), Object.fromEntries(classes.map((p) => [p, 0])));
  let correct = 0;
  for (let i = 0; i < n; i++) {
    confusion[gold[i]!]![predicted[i]!]! += 1;
    if (gold[i] === predicted[i]) correct++;
  }
  const perClass: Record<string, ClassScores> = Object.create(null);
  for (const c of classes) {
    const tp = confusion[c]![c]!;
    const support = classes.reduce((s, p) => s + confusion[c]![p]!, 0);
    const predictedAs = classes.reduce((s, g) => s + confusion[g]![c]!, 0);
    const precision = predictedAs > 0 ? tp / predictedAs : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision, recall, f1, support };
  }
  return {
    n,
    accuracy: n > 0 ? correct / n : null,
    kappa: cohensKappa(gold, predicted),
    macroF1: classes.length > 0 ? classes.reduce((s, c) => s + perClass[c]!.f1, 0) / classes.length : null,
    perClass,
    confusion,
  };
}
