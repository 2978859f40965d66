import { estimateCostUSD } from './estimate.js';
import type { PriceTier } from './prices.js';
import type { Accounting, Usage } from './types.js';

/** Tallies what a gateway did: requests sent, cache hits, tokens, cost, retries, failures, keys. */
export class AccountingTracker {
  private calls = 0;
  private cacheHits = 0;
  private promptTokens = 0;
  private completionTokens = 0;
  private cost = 0;
  private priceUnknown = false;
  private retries = 0;
  private failures = 0;
  private invalidOutputs = 0;
  private cachedPrompt = 0;
  private cachedCompletion = 0;
  private cachedCost = 0;
  private cachedPriceUnknown = false;
  private readonly keys = new Set<string>();

  /** `tier`: the prices requests are billed at (`batch` for --batch-api). */
  constructor(
    private readonly concurrencyNow: () => number,
    private readonly tier: PriceTier = 'standard',
  ) {}

  /** One HTTP request sent (every attempt counts). */
  requestSent(): void {
    this.calls++;
  }
  retried(): void {
    this.retries++;
  }
  failed(): void {
    this.failures++;
  }
  invalidOutput(): void {
    this.invalidOutputs++;
  }
  keyUsed(key: string): void {
    this.keys.add(key);
  }

  /** Tokens spent on a reply that came over the network; returns its cost (null without a price). */
  spent(model: string, usage: Usage): number | null {
    this.promptTokens += usage.promptTokens;
    this.completionTokens += usage.completionTokens;
    const cost = estimateCostUSD(model, usage.promptTokens, usage.completionTokens, this.tier);
    if (cost === null) this.priceUnknown = true;
    else this.cost += cost;
    return cost;
  }

  /** A reply served from the cache: its original usage is reported apart from the spent tokens. */
  hit(model: string, usage: Usage): number | null {
    this.cacheHits++;
    this.cachedPrompt += usage.promptTokens;
    this.cachedCompletion += usage.completionTokens;
    const cost = estimateCostUSD(model, usage.promptTokens, usage.completionTokens, this.tier);
    if (cost === null) this.cachedPriceUnknown = true;
    else this.cachedCost += cost;
    return cost;
  }

  /** Spent cost so far in USD (0 when nothing with a price was spent). */
  spentUSD(): number {
    return this.cost;
  }

  snapshot(model: string): Accounting {
    const unknown = this.priceUnknown || (this.calls === 0 && estimateCostUSD(model, 0, 0) === null);
    return {
      calls: this.calls,
      cacheHits: this.cacheHits,
      promptTokens: this.promptTokens,
      completionTokens: this.completionTokens,
      costUSD: unknown ? null : this.cost,
      retries: this.retries,
      failures: this.failures,
      cacheKeys: [...this.keys],
      cached: {
        promptTokens: this.cachedPrompt,
        completionTokens: this.cachedCompletion,
        costUSD: this.cachedPriceUnknown ? null : this.cachedCost,
      },
      invalidOutputs: this.invalidOutputs,
      concurrency: this.concurrencyNow(),
    };
  }
}
