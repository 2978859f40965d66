import pLimit, { type LimitFunction } from 'p-limit';
import { AbortedError } from '../errors.js';

export interface SchedulerOptions {
  /** Requests in flight at most. */
  maxConcurrency: number;
}

/**
 * Runs requests with a bounded concurrency (p-limit), which the adaptive limiter moves
 * (concurrency-limiter.ts). How fast requests start is the rate governor's business
 * (rate-governor.ts). Aborting
 * stops scheduling: queued requests reject with AbortedError at once, requests already started run
 * to the end.
 */
export class Scheduler {
  private readonly limit: LimitFunction;
  /**
   * Requests waiting for a slot, per signal: one 'abort' listener per signal rejects them all. (A listener
   * per waiting request put hundreds on a run's one signal, and Node warns past 10: MaxListenersExceededWarning.)
   */
  private readonly waiting = new WeakMap<AbortSignal, Set<() => void>>();

  constructor(options: SchedulerOptions) {
    this.limit = pLimit(Math.max(1, Math.floor(options.maxConcurrency)));
  }

  get concurrency(): number {
    return this.limit.concurrency;
  }

  /** Change the concurrency (the adaptive limiter); more room starts queued work at once. */
  setConcurrency(n: number): void {
    this.limit.concurrency = Math.max(1, Math.floor(n));
  }

  /** Requests running now / waiting for a slot. */
  get active(): number {
    return this.limit.activeCount;
  }
  get pending(): number {
    return this.limit.pendingCount;
  }

  /** Run `fn` in a slot. Rejects with AbortedError if `signal` aborts before it starts. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        reject(new AbortedError());
      };
      const waiting = signal ? this.waitersOf(signal) : undefined;
      waiting?.add(onAbort);
      void this.limit(async () => {
        if (settled) return;
        settled = true;
        waiting?.delete(onAbort);
        try {
          resolve(await fn());
        } catch (err) {
          reject(err);
        }
      });
    });
  }

  /** The requests waiting on `signal`, with the one listener that rejects them when it aborts. */
  private waitersOf(signal: AbortSignal): Set<() => void> {
    let set = this.waiting.get(signal);
    if (!set) {
      const waiters = new Set<() => void>();
      signal.addEventListener('abort', () => {
        for (const reject of waiters) reject();
        waiters.clear();
      }, { once: true });
      this.waiting.set(signal, waiters);
      set = waiters;
    }
    return set;
  }
}
