import { AbortedError, LitrevError } from '../errors.js';
import type { AccountingTracker } from './accounting.js';
import { classifyError, type ErrorClass } from './classify-error.js';
import type { ConcurrencyLimiter } from './concurrency-limiter.js';
import type { CostGuard } from './cost-guard.js';
import type { EndpointHealth } from './endpoint-health.js';
import { ModelRequestError } from './model-errors.js';
import { clock, RateDeadlineError, type RateGovernor } from './rate-governor.js';
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
  governor: RateGovernor;
  /** How many requests are out at once (adapts to latency, 429s and 5xx). */
  limiter: ConcurrencyLimiter;
  health: EndpointHealth;
  budget: CostGuard;
  /** How long one request may take, rate-limit waits and retries included. */
  requestDeadlineMs: number;
  /** Requests made but held back before they reach the scheduler (behind a request probing the shape). */
  held?: () => number;
}

export interface SendOptions {
  signal?: AbortSignal;
  /** Prompt + expected output tokens, paced against the endpoint's token limit. */
  estimatedTokens: number;
  /** Checked against the remaining --max-cost budget before sending; null without a price. */
  estimatedCostUSD: number | null;
  /** `health.ticket()` taken when the request was made (default: now). */
  ticket?: number;
  /** Called when the request has its slot, before it is sent: throws to send nothing (it no longer fits what was learned while it waited). */
  beforeSend?: () => void;
}

export interface Sent<T> {
  value: T;
  /** Wall time of the successful attempt. */
  latencyMs: number;
  /** Attempts made, the successful one included. */
  attempts: number;
}

/** The endpoint refused this request's shape, size or content (a 4xx that is not fatal): the gateway decides. */
export class RequestRejectedError extends ModelRequestError {
  constructor(
    readonly classification: Extract<ErrorClass, { type: 'shape' | 'overflow' | 'rejected' }>,
    endpoint: string,
    cause: unknown,
  ) {
    super(`${endpoint} rejected the request: ${classification.message}`, { status: classification.status, exhausted: false, contextOverflow: classification.type === 'overflow', cause });
  }
}

/**
 * Send one request: each attempt waits for a scheduler slot and the rate governor, checks the dead
 * endpoint and the budget, then calls `attempt`. Rate limits (429) wait for as long as the request's
 * deadline allows (a retry-after beyond it fails the request with the reason, pausing nothing);
 * transient errors retry with backoff up to `maxRetries`; a dead endpoint and fatal errors stop the
 * run; other rejections throw RequestRejectedError for the gateway to adapt, repack or record.
 */
export async function sendWithRetries<T>(ctx: RunnerContext, stage: string, attempt: () => Promise<T>, o: SendOptions): Promise<Sent<T>> {
  ctx.health.begin(o.ticket);
  try {
    return await attempts(ctx, stage, attempt, o);
  } finally {
    ctx.health.end();
  }
}

async function attempts<T>(ctx: RunnerContext, stage: string, attempt: () => Promise<T>, o: SendOptions): Promise<Sent<T>> {
  const deadlineAt = Date.now() + ctx.requestDeadlineMs;
  let errors = 0;
  for (let n = 1; ; n++) {
    let sentAt = Date.now();
    try {
      const result = await ctx.scheduler.run(async () => {
        await ctx.governor.admit(o.estimatedTokens, deadlineAt, o.signal, (until) => ctx.emit({ type: 'rate-limit-wait', until, reason: 'rate limit' }));
        ctx.health.check();
        o.beforeSend?.();
        const release = ctx.budget.reserve(o.estimatedCostUSD);
        try {
          ctx.accounting.requestSent();
          sentAt = Date.now();
          const inFlight = ctx.scheduler.active;
          const t0 = performance.now();
          const value = await attempt();
          return { value, latencyMs: Math.round(performance.now() - t0), inFlight };
        } finally {
          release();
        }
      }, o.signal);
      ctx.health.succeeded();
      ctx.governor.succeeded();
      ctx.limiter.answered(stage, result.latencyMs, result.inFlight, ctx.governor.roomFor(ctx.limiter.limit), {
        waiting: ctx.scheduler.pending + (ctx.held?.() ?? 0),
        // Requests made besides this one (this one ends after its reply is read).
        othersOut: ctx.health.out - 1,
      });
      return { value: result.value, latencyMs: result.latencyMs, attempts: n };
    } catch (err) {
      // Whatever the SDK or fetch threw for it, a request stopped by our own signal is an abort.
      if (o.signal?.aborted && !(err instanceof LitrevError)) throw new AbortedError();
      if (err instanceof RateDeadlineError) throw giveUp(ctx, `${ctx.endpoint}: ${err.message}`, err, 429);
      // AbortedError / BudgetError / a dead endpoint: no request was sent.
      if (err instanceof LitrevError) throw err;
      const cls = classifyError(err, { endpoint: ctx.endpoint, model: ctx.model });
      switch (cls.type) {
        case 'aborted':
          throw new AbortedError();
        case 'fatal':
          ctx.accounting.failed();
          throw cls.error;
        case 'unknown':
          throw err;
        case 'shape':
        case 'overflow':
        case 'rejected':
          throw new RequestRejectedError(cls, ctx.endpoint, err);
        case 'rate-limited': {
          const waitMs = cls.retryAfterMs ?? retryDelayMs(Math.min(n, 6), ctx.policy);
          if (Date.now() + waitMs > deadlineAt || waitMs > ctx.policy.maxRetryAfterMs) {
            const why = `the endpoint asked to wait ${Math.round(waitMs / 1000)} s (until ${clock(Date.now() + waitMs)}), beyond this request's deadline (LITREV_REQUEST_DEADLINE_MS)`;
            throw giveUp(ctx, `HTTP 429 from ${ctx.endpoint}: ${why}`, err, 429);
          }
          ctx.governor.rateLimited(cls.retryAfterMs, waitMs, sentAt);
          ctx.limiter.overloaded(`HTTP 429 from ${ctx.endpoint}`);
          ctx.accounting.retried();
          ctx.emit({ type: 'retry', stage, attempt: n + 1, reason: cls.reason, delayMs: waitMs });
          continue;
        }
        case 'transient': {
          if (cls.status !== undefined && cls.status >= 500) ctx.limiter.overloaded(`HTTP ${cls.status} from ${ctx.endpoint}`);
          ctx.health.failed(cls);
          errors++;
          // A retry-after the server sent with its 5xx is waited out (as far as LITREV's ceiling on it), never less than the backoff.
          const hinted = cls.retryAfterMs !== undefined && cls.retryAfterMs <= ctx.policy.maxRetryAfterMs ? retryDelayMs(errors, ctx.policy, cls.retryAfterMs) : 0;
          const delayMs = Math.max(hinted, retryDelayMs(errors, ctx.policy));
          if (errors > ctx.policy.maxRetries || Date.now() + delayMs > deadlineAt) {
            ctx.health.gaveUp(cls);
            throw giveUp(ctx, `${cls.reason} from ${ctx.endpoint} (gave up after ${n} attempts)`, err, cls.status);
          }
          ctx.accounting.retried();
          ctx.emit({ type: 'retry', stage, attempt: n + 1, reason: cls.reason, delayMs });
          await sleep(delayMs, o.signal);
        }
      }
    }
  }
}

function giveUp(ctx: RunnerContext, message: string, cause: unknown, status?: number): ModelRequestError {
  ctx.accounting.failed();
  return new ModelRequestError(message, { status, exhausted: true, cause });
}
