/** Backoff settings of the retry loop. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff step (doubled on each retry). */
  baseDelayMs: number;
  /** Ceiling of one exponential backoff step. */
  maxDelayMs: number;
  /** Longest `retry-after` honoured; a longer one fails the request (the limit will not lift soon). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 300_000 };

/**
 * Delay before retry number `retry` (1-based). With a server hint (`retry-after` / `retry-after-ms`),
 * wait that long plus a little jitter (so clients told the same time do not return together);
 * otherwise exponential backoff with "equal jitter": between half and all of base·2^(retry-1).
 */
export function retryDelayMs(retry: number, policy: RetryPolicy, retryAfterMs?: number, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return Math.round(retryAfterMs + random() * Math.min(1000, 20 + retryAfterMs * 0.1));
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
