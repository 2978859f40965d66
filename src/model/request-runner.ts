import { AbortedError, BudgetError, LitrevError, ModelFatalError } from '../errors.js';
import type { AccountingTracker } from './accounting.js';
import { classifyError } from './classify-error.js';
import { estimateCostUSD } from './estimate.js';
import { ModelRequestError } from './model-errors.js';
import { retryDelayMs, type RetryPolicy } from './retry-policy.js';
import type { Scheduler } from './scheduler.js';
import { sleep } from './sleep.js';
import type { ModelEvent } from './types.js';

export interface RunnerContext {
  endpoint: string;
  model: string;
  scheduler: Scheduler;
  accounting: AccountingTracker;
  policy: RetryPolicy;
  emit: (event: ModelEvent) => void;
  /** Refuse to start a request once the spent cost reached this (USD). */
  maxCostUSD?: number;
}

export interface Sent<T> {
  value: T;
  /** Wall time of the successful attempt. */
  latencyMs: number;
  /** Attempts made, the successful one included. */
  attempts: number;
}

/**
 * Send one request with the retry policy: each attempt waits for a scheduler slot, checks the budget,
 * then calls `attempt`. 429, 5xx, timeouts and dropped connections are retried with backoff (honouring
 * retry-after); 401/403/404/insufficient_quota throw ModelFatalError at once; other 4xx throw
 * ModelRequestError without a retry. Abort stops before an attempt or during a backoff wait, never
 * during an attempt already sent.
 */
export async function sendWithRetries<T>(ctx: RunnerContext, stage: string, attempt: () => Promise<T>, signal?: AbortSignal): Promise<Sent<T>> {
  for (let n = 1; ; n++) {
    let sentAt = Date.now();
    try {
      const result = await ctx.scheduler.run(async () => {
        checkBudget(ctx);
        ctx.accounting.requestSent();
        sentAt = Date.now();
        const t0 = performance.now();
        const value = await attempt();
        return { value, latencyMs: Math.round(performance.now() - t0) };
      }, signal);
      ctx.scheduler.onSuccess();
      return { ...result, attempts: n };
    } catch (err) {
      // AbortedError / BudgetError: no request was sent.
      if (err instanceof LitrevError) throw err;
      const cls = classifyError(err, { endpoint: ctx.endpoint, model: ctx.model });
      if (cls.type === 'aborted') throw new AbortedError();
      if (cls.type !== 'retry') ctx.accounting.failed();
      if (cls.type === 'fatal') throw cls.error;
      if (cls.type === 'rejected') {
        throw new ModelRequestError(`${ctx.endpoint} rejected the request: ${cls.message}`, { status: cls.status, exhausted: false, contextOverflow: cls.contextOverflow, cause: err });
      }
      if (cls.type === 'unknown') throw err;
      if (cls.rateLimited) ctx.scheduler.onRateLimited(cls.retryAfterMs, sentAt);
      const tooLong = cls.retryAfterMs !== undefined && cls.retryAfterMs > ctx.policy.maxRetryAfterMs;
      if (n > ctx.policy.maxRetries || tooLong) {
        ctx.accounting.failed();
        if (cls.unreachable) {
          throw new ModelFatalError(`cannot reach ${ctx.endpoint}: ${cls.reason}`, { hint: "check OPENAI_BASE_URL / --base-url and that the server is running ('litrev doctor')", cause: err });
        }
        const why = tooLong ? `the endpoint asked to wait ${Math.round(cls.retryAfterMs! / 1000)} s` : `${n} attempts`;
        throw new ModelRequestError(`${cls.reason} from ${ctx.endpoint} (gave up after ${why})`, { status: cls.status, exhausted: true, cause: err });
      }
      const delayMs = retryDelayMs(n, ctx.policy, cls.retryAfterMs);
      ctx.accounting.retried();
      ctx.emit({ type: 'retry', stage, attempt: n + 1, reason: cls.reason, delayMs });
      await sleep(delayMs, signal);
    }
  }
}

function checkBudget(ctx: RunnerContext): void {
  if (ctx.maxCostUSD === undefined) return;
  if (estimateCostUSD(ctx.model, 0, 0) === null) return;
  const spent = ctx.accounting.spentUSD();
  if (spent >= ctx.maxCostUSD) {
    throw new BudgetError(
      `spent $${spent.toFixed(4)} of the $${ctx.maxCostUSD} budget (--max-cost): no further requests`,
      'raise --max-cost, or re-run: answers already received are cached and cost nothing again',
    );
  }
}
