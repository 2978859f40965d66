/** Where a prioritised screening stands, and whether it is time to stop. */
export interface StoppingState {
  labelled: number;
  relevantFound: number;
  /** Papers not labelled yet. */
  unread: number;
  /** The estimate of relevant papers among the unread ones (see `stoppingState`). */
  estimateLeft: number;
  /** Papers labelled since the last relevant one. */
  sinceRelevant: number;
  /** The stopping rule's N: stop after N papers in a row without a relevant one. */
  window: number;
  suggestStop: boolean;
  /** The rule in words, for the screen and the docs. */
  rule: string;
}

/** N of the stopping rule for a corpus of `total` papers: 5% of it, at least 50 (or all when smaller). */
export function stoppingWindow(total: number): number {
  return Math.min(total, Math.max(50, Math.ceil(0.05 * total)));
}

/**
 * The stopping rule of prioritised screening: stop once the last N papers shown (N = 5% of the corpus,
 * at least 50) held no relevant paper and at least one relevant paper was found. The estimate of the
 * relevant papers left applies the rate among the last N labelled ((found + 1) / (N + 2), so it is
 * never zero) to the unread papers: an upper estimate, since the ranking shows the likely relevant
 * papers first. `decisions` are the labels in the order shown (true relevant; false or null not).
 */
export function stoppingState(decisions: readonly (boolean | null)[], total: number): StoppingState {
  const window = stoppingWindow(total);
  const labelled = decisions.length;
  const relevantFound = decisions.filter((d) => d === true).length;
  const last = decisions.lastIndexOf(true);
  const sinceRelevant = last < 0 ? labelled : labelled - 1 - last;
  const recent = decisions.slice(-window);
  const rate = (recent.filter((d) => d === true).length + 1) / (recent.length + 2);
  const unread = Math.max(0, total - labelled);
  return {
    labelled,
    relevantFound,
    unread,
    estimateLeft: Math.round(rate * unread),
    sinceRelevant,
    window,
    suggestStop: unread === 0 || (relevantFound > 0 && sinceRelevant >= window),
    rule: `stop after ${window} papers in a row without a relevant one`,
  };
}
