import { BudgetError } from '../errors.js';

/**
 * --max-cost, checked before each request is sent: what was spent, plus the estimates of requests in
 * flight, plus this request's estimate must stay within the budget.
 */
export class CostGuard {
  private reserved = 0;

  constructor(
    private readonly maxCostUSD: number | undefined,
    private readonly spentUSD: () => number,
  ) {}

  /** Reserve `estimateUSD` (null: no price known) for a request; returns the release. */
  reserve(estimateUSD: number | null): () => void {
    if (this.maxCostUSD === undefined || estimateUSD === null) return () => undefined;
    const spent = this.spentUSD();
    if (spent + this.reserved + estimateUSD > this.maxCostUSD) {
      const what = spent >= this.maxCostUSD ? 'no further requests' : `the next request (about $${estimateUSD.toFixed(4)}) would exceed it`;
      throw new BudgetError(
        `spent $${spent.toFixed(4)} of the $${this.maxCostUSD} budget (--max-cost): ${what}`,
        'raise --max-cost, or re-run: answers already received are cached and cost nothing again',
      );
    }
    this.reserved += estimateUSD;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.reserved -= estimateUSD;
    };
  }
}
