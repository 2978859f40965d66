import { APIError } from 'openai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortedError, BudgetError, ModelFatalError } from '../../src/errors.js';
import { AccountingTracker } from '../../src/model/accounting.js';
import { ConcurrencyLimiter } from '../../src/model/concurrency-limiter.js';
import { CostGuard } from '../../src/model/cost-guard.js';
import { EndpointHealth } from '../../src/model/endpoint-health.js';
import { RateGovernor } from '../../src/model/rate-governor.js';
import { RequestRejectedError, sendWithRetries, type RunnerContext, type SendOptions } from '../../src/model/request-runner.js';
import type { RetryPolicy } from '../../src/model/retry-policy.js';
import { Scheduler } from '../../src/model/scheduler.js';
import type { ModelEvent } from '../../src/model/types.js';

/**
 * One request's attempts on a fake clock, with the gateway's real scheduler, governor, limiter, health
 * and budget: when each attempt goes out, when it gives up, and what it says. Each attempt throws what
 * the `openai` SDK throws for the status the server answered.
 */
beforeEach(() => {
  vi.useFakeTimers({ now: new Date(2026, 11, 7, 12, 0, 0), toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
  vi.spyOn(Math, 'random').mockReturnValue(1);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const ENDPOINT = 'http://e/v1';
const POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000_000, maxRetryAfterMs: 60_000 };

function context(o: { policy?: Partial<RetryPolicy>; deadlineMs?: number; maxCostUSD?: number } = {}) {
  const events: ModelEvent[] = [];
  const scheduler = new Scheduler({ maxConcurrency: 8 });
  const ctx: RunnerContext = {
    endpoint: ENDPOINT,
    model: 'm',
    scheduler,
    accounting: new AccountingTracker(() => scheduler.concurrency),
    policy: { ...POLICY, ...o.policy },
    emit: (e) => events.push(e),
    governor: new RateGovernor(),
    limiter: new ConcurrencyLimiter({ start: 8, ceiling: 8, adaptive: true }, (limit) => scheduler.setConcurrency(limit)),
    health: new EndpointHealth(ENDPOINT),
    budget: new CostGuard(o.maxCostUSD, () => 0),
    requestDeadlineMs: o.deadlineMs ?? 600_000,
  };
  return { ctx, events, retries: () => events.filter((e) => e.type === 'retry') };
}

const http = (status: number, headers: Record<string, string> = {}, error: Record<string, unknown> = { message: `status ${status}` }) => APIError.generate(status, { error }, undefined, new Headers(headers));

/** An attempt that fails with `faults` in turn, then answers 'ok'; `sentAt` holds when each attempt went out (ms after the start). */
function endpoint(faults: unknown[]) {
  const t0 = Date.now();
  const sentAt: number[] = [];
  const attempt = async () => {
    sentAt.push(Date.now() - t0);
    const fault = faults[sentAt.length - 1];
    if (fault !== undefined) throw fault;
    return 'ok';
  };
  return { attempt, sentAt };
}

/** Run one request to its end on the fake clock. */
async function send<T>(ctx: RunnerContext, attempt: () => Promise<T>, o: Partial<SendOptions> = {}) {
  const sent = sendWithRetries(ctx, 'classify', attempt, { estimatedTokens: 10, estimatedCostUSD: null, ...o });
  const settled = sent.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  await vi.runAllTimersAsync();
  return settled;
}

const failure = async (run: Promise<{ ok: boolean; error?: unknown }>) => {
  const r = await run;
  expect(r.ok).toBe(false);
  return r.error as Error & Record<string, unknown>;
};

describe('429: waits as the server asks, without spending the retry budget', () => {
  it("the retry goes out when retry-after says, however many retries are allowed; the wait is announced as a retry", async () => {
    const { ctx, retries } = context({ policy: { maxRetries: 0 } });
    const { attempt, sentAt } = endpoint([http(429, { 'retry-after': '2' }), http(429, { 'retry-after-ms': '1500' })]);
    const r = await send(ctx, attempt);
    expect(r).toMatchObject({ ok: true, value: { value: 'ok', attempts: 3 } });
    expect(sentAt).toEqual([0, 2000, 3500]);
    expect(retries()).toEqual([
      { type: 'retry', stage: 'classify', attempt: 2, reason: 'HTTP 429 (rate limited)', delayMs: 2000 },
      { type: 'retry', stage: 'classify', attempt: 3, reason: 'HTTP 429 (rate limited)', delayMs: 1500 },
    ]);
    expect(ctx.accounting.snapshot('m')).toMatchObject({ calls: 3, retries: 2, failures: 0 });
    expect(ctx.governor.seen().rateLimited).toBe(2);
  });

  it('without retry-after, each 429 backs off twice as long as the last, up to 32 times the first step', async () => {
    const { ctx, retries } = context();
    const { attempt } = endpoint(Array.from({ length: 8 }, () => http(429)));
    expect(await send(ctx, attempt)).toMatchObject({ ok: true, value: { attempts: 9 } });
    expect(retries().map((e) => (e as { delayMs: number }).delayMs)).toEqual([100, 200, 400, 800, 1600, 3200, 3200, 3200]);
  });

  it('a 429 cuts the concurrency, as a 5xx does', async () => {
    const { ctx } = context();
    const { attempt } = endpoint([http(429, { 'retry-after': '1' })]);
    await send(ctx, attempt);
    expect(ctx.limiter.state().timeline.at(-1)).toMatchObject({ limit: 6, reason: `HTTP 429 from ${ENDPOINT}` });
  });

  it('a wait that would end past the deadline fails the request at once with the reason, and pauses nothing', async () => {
    const { ctx, retries } = context({ deadlineMs: 29_999 });
    const { attempt, sentAt } = endpoint([http(429, { 'retry-after': '30' })]);
    const err = await failure(send(ctx, attempt));
    expect(err).toMatchObject({
      name: 'ModelRequestError',
      status: 429,
      exhausted: true,
      message: `HTTP 429 from ${ENDPOINT}: the endpoint asked to wait 30 s (until 12:00:30), beyond this request's deadline (LITREV_REQUEST_DEADLINE_MS)`,
    });
    expect(sentAt).toEqual([0]);
    expect(retries()).toEqual([]);
    expect(ctx.governor.seen().rateLimited).toBe(0);
    expect(ctx.limiter.limit).toBe(8);
    expect(ctx.accounting.snapshot('m')).toMatchObject({ calls: 1, retries: 0, failures: 1 });
  });

  it('a wait that ends exactly at the deadline is waited', async () => {
    const { ctx } = context({ deadlineMs: 30_000 });
    const { attempt, sentAt } = endpoint([http(429, { 'retry-after': '30' })]);
    expect(await send(ctx, attempt)).toMatchObject({ ok: true });
    expect(sentAt).toEqual([0, 30_000]);
  });

  it('a retry-after longer than the longest honoured fails the request, whatever the deadline', async () => {
    const { ctx } = context({ policy: { maxRetryAfterMs: 5000 } });
    const long = endpoint([http(429, { 'retry-after-ms': '5001' })]);
    expect(await failure(send(ctx, long.attempt))).toMatchObject({ status: 429, message: expect.stringContaining('asked to wait 5 s') });
    const honoured = endpoint([http(429, { 'retry-after-ms': '5000' })]);
    expect(await send(context({ policy: { maxRetryAfterMs: 5000 } }).ctx, honoured.attempt)).toMatchObject({ ok: true });
    expect(honoured.sentAt).toEqual([0, 5000]);
  });

  it('a request that the rate limit would hold past its deadline is not sent: it fails naming when it could have started', async () => {
    const { ctx } = context({ deadlineMs: 5000 });
    ctx.governor.observe(200, new Headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '10s' }));
    const { attempt, sentAt } = endpoint([]);
    expect(await failure(send(ctx, attempt))).toMatchObject({ name: 'ModelRequestError', status: 429, exhausted: true, message: `${ENDPOINT}: the rate limit would delay it until 12:00:10, past its deadline` });
    expect(sentAt).toEqual([]);
    expect(ctx.accounting.snapshot('m')).toMatchObject({ calls: 0, failures: 1 });
  });

  it('a rate-limit wait of half a second or more is announced with its end', async () => {
    const { ctx, events } = context();
    ctx.governor.observe(200, new Headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '2s' }));
    const t0 = Date.now();
    await send(ctx, endpoint([]).attempt);
    expect(events).toContainEqual({ type: 'rate-limit-wait', until: t0 + 2000, reason: 'rate limit' });
  });
});

describe('transient errors: retried with backoff, up to the retry budget and the deadline', () => {
  it('5xx: backoff doubles, the concurrency is cut, and after maxRetries retries the request gives up naming the attempts', async () => {
    const { ctx, retries } = context({ policy: { maxRetries: 2 } });
    const { attempt, sentAt } = endpoint([http(500), http(502), http(503)]);
    const err = await failure(send(ctx, attempt));
    expect(err).toMatchObject({ name: 'ModelRequestError', status: 503, exhausted: true, message: `HTTP 503 from ${ENDPOINT} (gave up after 3 attempts)` });
    expect(sentAt).toEqual([0, 100, 300]);
    expect(retries()).toEqual([
      { type: 'retry', stage: 'classify', attempt: 2, reason: 'HTTP 500', delayMs: 100 },
      { type: 'retry', stage: 'classify', attempt: 3, reason: 'HTTP 502', delayMs: 200 },
    ]);
    expect(ctx.accounting.snapshot('m')).toMatchObject({ calls: 3, retries: 2, failures: 1 });
    expect(ctx.limiter.state().timeline.at(-1)).toMatchObject({ reason: `HTTP 500 from ${ENDPOINT}` });
  });

  it('the last allowed retry is made, and its answer used', async () => {
    const { ctx } = context({ policy: { maxRetries: 2 } });
    const { attempt, sentAt } = endpoint([http(500), http(500)]);
    expect(await send(ctx, attempt)).toMatchObject({ ok: true, value: { value: 'ok', attempts: 3 } });
    expect(sentAt).toEqual([0, 100, 300]);
    expect(ctx.accounting.snapshot('m')).toMatchObject({ calls: 3, retries: 2, failures: 0 });
  });

  it('a 408 is retried without cutting the concurrency (the server is not overloaded)', async () => {
    const { ctx } = context();
    expect(await send(ctx, endpoint([http(408)]).attempt)).toMatchObject({ ok: true, value: { attempts: 2 } });
    expect(ctx.limiter.state().timeline).toHaveLength(1);
  });

  it("a 503's retry-after is waited out (plus jitter), never less than the backoff; one beyond the longest honoured is ignored", async () => {
    const hinted = context();
    const a = endpoint([http(503, { 'retry-after': '1' })]);
    await send(hinted.ctx, a.attempt);
    expect(a.sentAt).toEqual([0, 1120]);
    const short = context({ policy: { baseDelayMs: 4000 } });
    const b = endpoint([http(503, { 'retry-after-ms': '10' })]);
    await send(short.ctx, b.attempt);
    expect(b.sentAt).toEqual([0, 4000]);
    const beyond = context({ policy: { maxRetryAfterMs: 5000 } });
    const c = endpoint([http(503, { 'retry-after': '6' })]);
    await send(beyond.ctx, c.attempt);
    expect(c.sentAt).toEqual([0, 100]);
    const atCeiling = context({ policy: { maxRetryAfterMs: 5000 } });
    const d = endpoint([http(503, { 'retry-after': '5' })]);
    await send(atCeiling.ctx, d.attempt);
    expect(d.sentAt).toEqual([0, 5520]);
  });

  it('a retry that would go out after the deadline is not made; one exactly at it is', async () => {
    const late = context({ deadlineMs: 299 });
    const a = endpoint([http(500), http(500)]);
    expect(await failure(send(late.ctx, a.attempt))).toMatchObject({ message: `HTTP 500 from ${ENDPOINT} (gave up after 2 attempts)` });
    expect(a.sentAt).toEqual([0, 100]);
    const onTime = context({ deadlineMs: 300 });
    const b = endpoint([http(500), http(500)]);
    expect(await send(onTime.ctx, b.attempt)).toMatchObject({ ok: true });
    expect(b.sentAt).toEqual([0, 100, 300]);
  });

  it('an endpoint that refuses every connection and never answered is declared dead: the run stops with one message', async () => {
    const { ctx } = context({ policy: { maxRetries: 10 } });
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const { attempt, sentAt } = endpoint(Array.from({ length: 10 }, () => refused));
    const err = await failure(send(ctx, attempt));
    expect(err).toBeInstanceOf(ModelFatalError);
    expect(err.message).toMatch(`cannot reach ${ENDPOINT}: connection error (ECONNREFUSED)`);
    expect(sentAt).toHaveLength(3);
    expect(ctx.health.out).toBe(0);
  });

  it('a retry is given up when it gives up for good on an endpoint that was never reached: no further attempt', async () => {
    const { ctx } = context({ policy: { maxRetries: 1 } });
    const timeout = Object.assign(new Error('Request timed out.'), { name: 'APIConnectionTimeoutError' });
    const { attempt, sentAt } = endpoint([timeout, timeout]);
    expect(await failure(send(ctx, attempt))).toBeInstanceOf(ModelFatalError);
    expect(sentAt).toHaveLength(2);
  });
});

describe('errors that are not retried', () => {
  it('401: the run stops with the fatal error; nothing is retried', async () => {
    const { ctx, retries } = context();
    const { attempt, sentAt } = endpoint([http(401)]);
    const err = await failure(send(ctx, attempt));
    expect(err).toBeInstanceOf(ModelFatalError);
    expect(err.message).toBe(`the endpoint ${ENDPOINT} rejected the API key (401)`);
    expect(sentAt).toEqual([0]);
    expect(retries()).toEqual([]);
    expect(ctx.accounting.snapshot('m')).toMatchObject({ calls: 1, failures: 1 });
  });

  it('a 400 about the content, or a prompt too long for the model, goes back to the gateway as a rejection (not a failure)', async () => {
    const { ctx } = context();
    const content = await failure(send(ctx, endpoint([http(400, {}, { message: 'Invalid content in message 2' })]).attempt));
    expect(content).toBeInstanceOf(RequestRejectedError);
    expect(content).toMatchObject({ status: 400, exhausted: false, contextOverflow: false, classification: { type: 'rejected' }, message: `${ENDPOINT} rejected the request: HTTP 400: Invalid content in message 2` });
    const overflow = await failure(send(ctx, endpoint([http(400, {}, { message: "This model's maximum context length is 4096 tokens", code: 'context_length_exceeded' })]).attempt));
    expect(overflow).toMatchObject({ contextOverflow: true, classification: { type: 'overflow', window: 4096 } });
    const shape = await failure(send(ctx, endpoint([http(400, {}, { message: 'Unsupported parameter', param: 'temperature' })]).attempt));
    expect(shape).toMatchObject({ classification: { type: 'shape', param: 'temperature' } });
    expect(ctx.accounting.snapshot('m')).toMatchObject({ calls: 3, retries: 0, failures: 0 });
  });

  it('an error it cannot classify is thrown as it is, after one attempt', async () => {
    const { ctx } = context();
    const odd = new RangeError('something odd');
    const { attempt, sentAt } = endpoint([odd]);
    expect(await failure(send(ctx, attempt))).toBe(odd);
    expect(sentAt).toEqual([0]);
  });

  it('a dead endpoint, or a request that no longer fits, sends nothing', async () => {
    const { ctx } = context();
    // Made before another request found the endpoint dead: the verdict holds for it.
    const t = ctx.health.ticket();
    expect(() => ctx.health.gaveUp({ reason: 'connection error (ECONNREFUSED)', unreachable: true, timeout: false })).toThrow(ModelFatalError);
    const dead = endpoint([]);
    expect(await failure(send(ctx, dead.attempt, { ticket: t }))).toBeInstanceOf(ModelFatalError);
    expect(dead.sentAt).toEqual([]);

    const fresh = context();
    const refused = endpoint([]);
    const why = new BudgetError('no longer fits');
    expect(await failure(send(fresh.ctx, refused.attempt, { beforeSend: () => { throw why; } }))).toBe(why);
    expect(refused.sentAt).toEqual([]);
    expect(fresh.ctx.accounting.snapshot('m')).toMatchObject({ calls: 0, failures: 0 });
  });
});

describe('what a request holds while it is out', () => {
  it('its cost estimate is reserved against --max-cost until it ends, answered or not', async () => {
    const { ctx } = context({ maxCostUSD: 0.1 });
    let release!: () => void;
    const held = sendWithRetries(ctx, 'classify', () => new Promise<string>((resolve) => (release = () => resolve('ok'))), { estimatedTokens: 1, estimatedCostUSD: 0.08 });
    await vi.advanceTimersByTimeAsync(0);
    expect(await failure(send(ctx, endpoint([]).attempt, { estimatedCostUSD: 0.08 }))).toBeInstanceOf(BudgetError);
    release();
    await held;
    expect(await send(ctx, endpoint([http(400)]).attempt, { estimatedCostUSD: 0.08 })).toMatchObject({ ok: false });
    expect(await send(ctx, endpoint([]).attempt, { estimatedCostUSD: 0.08 })).toMatchObject({ ok: true });
  });

  it('the latency reported is that of the successful attempt, in whole ms', async () => {
    const { ctx } = context();
    let n = 0;
    const attempt = async () => {
      n++;
      await new Promise((r) => setTimeout(r, n === 1 ? 5000 : 1234.4));
      if (n === 1) throw http(500);
      return 'ok';
    };
    expect(await send(ctx, attempt)).toMatchObject({ ok: true, value: { value: 'ok', latencyMs: 1234, attempts: 2 } });
  });

  it('it counts as out for the endpoint health until it ends, failed or not', async () => {
    const { ctx } = context();
    let outDuring = -1;
    await send(ctx, async () => {
      outDuring = ctx.health.out;
      throw http(401);
    });
    expect(outDuring).toBe(1);
    expect(ctx.health.out).toBe(0);
  });
});

describe('aborts', () => {
  it('a request stopped by its signal is an abort, whatever the SDK threw for it', async () => {
    const { ctx } = context();
    const ac = new AbortController();
    const r = send(ctx, async () => {
      ac.abort();
      throw new Error('Request was aborted.');
    }, { signal: ac.signal });
    expect(await failure(r)).toBeInstanceOf(AbortedError);
    expect(ctx.accounting.snapshot('m')).toMatchObject({ failures: 0 });
  });

  it('the SDK\'s own abort error is an abort', async () => {
    const { ctx } = context();
    const err = await failure(send(ctx, endpoint([Object.assign(new Error('aborted'), { name: 'APIUserAbortError' })]).attempt));
    expect(err).toBeInstanceOf(AbortedError);
  });

  it('an abort during the backoff stops the retry', async () => {
    const { ctx } = context();
    const ac = new AbortController();
    const { attempt, sentAt } = endpoint([http(500)]);
    const r = sendWithRetries(ctx, 'classify', attempt, { estimatedTokens: 1, estimatedCostUSD: null, signal: ac.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(50);
    ac.abort();
    expect(await r).toBeInstanceOf(AbortedError);
    expect(sentAt).toEqual([0]);
  });
});

describe('what each answer tells the concurrency limit', () => {
  /** A runner whose limit may grow to 32, with `held` requests waiting behind this one outside the scheduler (a shape probe's wave). */
  function withHeld(held: number) {
    const { ctx } = context();
    const limiter = new ConcurrencyLimiter({ start: 8, ceiling: 32, adaptive: true }, (limit) => ctx.scheduler.setConcurrency(limit));
    return { ...ctx, limiter, held: () => held };
  }

  it('the lone request out, answered while others wait behind it, is a round trip: the limit doubles', async () => {
    const ctx = withHeld(5);
    expect((await send(ctx, endpoint([]).attempt)).ok).toBe(true);
    expect(ctx.limiter.limit).toBe(16);
  });

  it('with nothing waiting, one answer is no round: the limit stays', async () => {
    const ctx = withHeld(0);
    expect((await send(ctx, endpoint([]).attempt)).ok).toBe(true);
    expect(ctx.limiter.limit).toBe(8);
  });

  it('an answer while another request of the run is still out is no round trip either', async () => {
    const ctx = withHeld(5);
    ctx.health.begin(undefined);
    expect((await send(ctx, endpoint([]).attempt)).ok).toBe(true);
    expect(ctx.limiter.limit).toBe(8);
  });
});
