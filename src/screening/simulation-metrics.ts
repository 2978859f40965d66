/** How a screening order performed against the gold labels, as `litrev label --simulate` reports it. */
export interface SimulationResult {
  papers: number;
  relevant: number;
  seed: number;
  /** Work saved over sampling at 95% recall: 0.95 - screenedFor95 / papers. */
  wss95: number;
  /** Papers read (the two priors included) until 95% of the relevant ones were found. */
  screenedFor95: number;
  /** Recall after reading 10%, 20% and 30% of the papers. */
  recallAt: { '10': number; '20': number; '30': number };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** The metrics of a reading order (indices into `gold`), which must run at least to 95% recall and 30% read. */
export function simulationMetrics(readOrder: readonly number[], gold: readonly boolean[], seed: number): SimulationResult {
  const papers = gold.length;
  const relevant = gold.filter(Boolean).length;
  const need = Math.ceil(0.95 * relevant);
  let found = 0;
  let screenedFor95 = 0;
  const foundAfter: number[] = [];
  readOrder.forEach((i, k) => {
    if (gold[i]) found++;
    foundAfter.push(found);
    if (found >= need && screenedFor95 === 0) screenedFor95 = k + 1;
  });
  if (screenedFor95 === 0) screenedFor95 = papers;
  const recallAt = (share: number) => {
    const k = Math.round(share * papers);
    return relevant === 0 ? 0 : round((k === 0 ? 0 : foundAfter[Math.min(k, foundAfter.length) - 1] ?? found) / relevant);
  };
  return { papers, relevant, seed, wss95: round(0.95 - screenedFor95 / papers), screenedFor95, recallAt: { '10': recallAt(0.1), '20': recallAt(0.2), '30': recallAt(0.3) } };
}
