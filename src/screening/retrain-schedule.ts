/**
 * When the relevance model is retrained: after every label for the first 100, then after every 1%
 * of the labels so far (every 2 labels at 200, every 10 at 1,000), so a long session stays quick.
 */
export function retrainDue(labelled: number, trainedAt: number): boolean {
  return labelled - trainedAt >= retrainInterval(labelled);
}

export function retrainInterval(labelled: number): number {
  return labelled < 100 ? 1 : Math.ceil(labelled / 100);
}
