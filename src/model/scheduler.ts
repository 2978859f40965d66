import pLimit, { type LimitFunction } from 'p-limit';
import { AbortedError } from '../errors.js';
import { sleep } from './sleep.js';

export interface SchedulerOptions {
  /** The configured concurrency: the ceiling the scheduler grows back to. */
  maxConcurrency: number;
  /** Rate-limit answers (429) in a row, without a success between them, that halve the concurrency. */
  rateLimitsToDecrease?: number;
  onConcurrencyChange?: (concurrency: number, reason: string) => void;
}

/**
 * Runs requests with a bounded, adaptive concurrency (AIMD over p-limit): repeated 429s halve it,
 * successes raise it again (quickly up to the last level that worked, then one step per
 * `concurrency` successes), up to the configured value. A 429 with
 * `retry-after` also pauses every new request until then (the limit is the account's, not one
 * request's). Aborting stops scheduling: queued requests reject with AbortedError at once, requests
 * already started run to the end.
 */
export class Scheduler {
  private readonly limit: LimitFunction;
  private readonly max: number;
  private readonly rateLimitsToDecrease: number;
  private readonly onChange?: (concurrency: number, reason: string) => void;
  private pauseUntil = 0;
  private rateLimitsInRow = 0;
  private successesSinceChange = 0;
  private decreasedSinceSuccess = false;
  /** When the concurrency was last lowered: 429s of requests sent before then are the same congestion. */
  private lastDecreaseAt = 0;
  /** Just below the concurrency that last drew repeated 429s: regained quickly, probed past slowly. */
  private knownGood = Infinity;

  constructor(options: SchedulerOptions) {
    this.max = Math.max(1, Math.floor(options.maxConcurrency));
    this.limit = pLimit(this.max);
    this.rateLimitsToDecrease = options.rateLimitsToDecrease ?? 2;
    this.onChange = options.onConcurrencyChange;
  }

  get concurrency(): number {
    return this.limit.concurrency;
  }

  /** Requests running now / waiting for a slot. */
  get active(): number {
    return this.limit.activeCount;
  }
  get pending(): number {
    return this.limit.pendingCount;
  }

  /** Run `fn` in a slot, after any rate-limit pause. Rejects with AbortedError if `signal` aborts before it starts. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        reject(new AbortedError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      void this.limit(async () => {
        if (settled) return;
        try {
          await this.waitForPause(signal);
        } catch (err) {
          onAbort();
          return;
        }
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        try {
          resolve(await fn());
        } catch (err) {
          reject(err);
        }
      });
    });
  }

  /**
   * A request succeeded: grow the concurrency back. Up to just below the level that last drew
   * repeated 429s it grows by one per success (that level is known to work); past it, by one per
   * `concurrency` successes (additive increase, probing whether the limit has lifted).
   */
  onSuccess(): void {
    this.rateLimitsInRow = 0;
    this.decreasedSinceSuccess = false;
    const current = this.limit.concurrency;
    if (current >= this.max) return;
    this.successesSinceChange++;
    const needed = current < this.knownGood ? 1 : current;
    if (this.successesSinceChange >= needed) this.setConcurrency(current + 1, 'requests succeed again');
  }

  /**
   * A 429 for a request sent at `sentAt`: pause new requests for `retryAfterMs`; halve the concurrency
   * when 429s repeat. As in TCP, one congestion event lowers it once: 429s of requests that were
   * already on their way when it was lowered do not count again.
   */
  onRateLimited(retryAfterMs: number | undefined, sentAt: number = Date.now()): void {
    if (retryAfterMs !== undefined) this.pauseUntil = Math.max(this.pauseUntil, Date.now() + retryAfterMs);
    if (sentAt < this.lastDecreaseAt) return;
    this.rateLimitsInRow++;
    if (this.rateLimitsInRow < this.rateLimitsToDecrease || this.decreasedSinceSuccess) return;
    const current = this.limit.concurrency;
    this.rateLimitsInRow = 0;
    this.decreasedSinceSuccess = true;
    this.lastDecreaseAt = Date.now();
    this.knownGood = Math.max(1, current - 1);
    if (current > 1) this.setConcurrency(Math.max(1, Math.floor(current / 2)), 'repeated rate limits (429)');
  }

  private setConcurrency(n: number, reason: string): void {
    this.successesSinceChange = 0;
    if (n === this.limit.concurrency) return;
    this.limit.concurrency = n;
    this.onChange?.(n, reason);
  }

  private async waitForPause(signal?: AbortSignal): Promise<void> {
    for (let wait = this.pauseUntil - Date.now(); wait > 0; wait = this.pauseUntil - Date.now()) {
      await sleep(wait, signal);
    }
  }
}
