import { describe, expect, it } from 'vitest';
import { AbortedError } from '../../src/errors.js';
import { classifyError, retryAfterFromHeaders } from '../../src/model/classify-error.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../src/model/retry-policy.js';
import { Scheduler } from '../../src/model/scheduler.js';

describe('Scheduler', () => {
  it('never runs more than the concurrency at once', async () => {
    const s = new Scheduler({ maxConcurrency: 3 });
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        s.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setImmediate(r));
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });

  it('halves the concurrency on repeated 429s and grows it back with successes (AIMD)', () => {
    const changes: number[] = [];
    const s = new Scheduler({ maxConcurrency: 8, onConcurrencyChange: (c) => changes.push(c) });
    s.onRateLimited(undefined);
    expect(s.concurrency).toBe(8);
    s.onRateLimited(undefined);
    expect(s.concurrency).toBe(4);
    // More 429s before any success are the same congestion: no second halving.
    s.onRateLimited(undefined);
    s.onRateLimited(undefined);
    expect(s.concurrency).toBe(4);
    // Back quickly to just below the level that drew the 429s (7), then one step per 7 successes.
    for (let i = 0; i < 3; i++) s.onSuccess();
    expect(s.concurrency).toBe(7);
    for (let i = 0; i < 6; i++) s.onSuccess();
    expect(s.concurrency).toBe(7);
    s.onSuccess();
    expect(s.concurrency).toBe(8);
    s.onRateLimited(undefined);
    s.onRateLimited(undefined);
    expect(s.concurrency).toBe(4);
    expect(changes).toEqual([4, 5, 6, 7, 8, 4]);
  });

  it('ignores 429s of requests sent before the last decrease', () => {
    const s = new Scheduler({ maxConcurrency: 8 });
    s.onRateLimited(undefined);
    s.onRateLimited(undefined);
    expect(s.concurrency).toBe(4);
    s.onSuccess();
    const before = Date.now() - 60_000;
    s.onRateLimited(undefined, before);
    s.onRateLimited(undefined, before);
    s.onRateLimited(undefined, before);
    expect(s.concurrency).toBe(5);
  });

  it('a 429 with retry-after pauses every new request until then', async () => {
    const s = new Scheduler({ maxConcurrency: 4 });
    s.onRateLimited(200);
    const t0 = Date.now();
    await s.run(async () => undefined);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(195);
  });

  it('rejects queued work with AbortedError on abort, and lets started work finish', async () => {
    const s = new Scheduler({ maxConcurrency: 1 });
    const ac = new AbortController();
    let release!: () => void;
    const first = s.run(() => new Promise<string>((r) => (release = () => r('done'))), ac.signal);
    const second = s.run(async () => 'never', ac.signal);
    await new Promise((r) => setImmediate(r));
    ac.abort();
    await expect(second).rejects.toBeInstanceOf(AbortedError);
    release();
    await expect(first).resolves.toBe('done');
    await expect(s.run(async () => 1, ac.signal)).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('retry policy', () => {
  it('backs off exponentially with jitter, capped', () => {
    const p = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelayMs(1, p, undefined, () => 0)).toBe(50);
    expect(retryDelayMs(1, p, undefined, () => 1)).toBe(100);
    expect(retryDelayMs(3, p, undefined, () => 1)).toBe(400);
    expect(retryDelayMs(10, p, undefined, () => 1)).toBe(1000);
  });

  it('waits at least what retry-after says', () => {
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, 2000, () => 0)).toBe(2000);
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, 2000, () => 1)).toBeLessThanOrEqual(2220);
  });

  it('reads retry-after-ms, retry-after seconds and HTTP dates', () => {
    expect(retryAfterFromHeaders(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterFromHeaders({ 'retry-after': '3' })).toBe(3000);
    const date = new Date(Date.now() + 5000).toUTCString();
    expect(retryAfterFromHeaders({ 'retry-after': date })).toBeGreaterThan(3000);
    expect(retryAfterFromHeaders({})).toBeUndefined();
  });
});

describe('classifyError', () => {
  const ctx = { endpoint: 'http://h/v1', model: 'm' };
  it.each([
    [{ status: 429, headers: { 'retry-after-ms': '10' } }, 'retry'],
    [{ status: 500 }, 'retry'],
    [{ status: 503 }, 'retry'],
    [{ status: 401 }, 'fatal'],
    [{ status: 404 }, 'fatal'],
    [{ status: 429, code: 'insufficient_quota', message: 'You exceeded your current quota' }, 'fatal'],
    [{ status: 400, message: 'bad' }, 'rejected'],
    [Object.assign(new Error('Request timed out.'), { name: 'TimeoutError' }), 'retry'],
    [Object.assign(new Error('Connection error.'), { name: 'APIConnectionError', cause: { code: 'ECONNRESET' } }), 'retry'],
    [new TypeError('x is not a function'), 'unknown'],
  ])('%o -> %s', (err, type) => {
    expect(classifyError(err, ctx).type).toBe(type);
  });

  it('says what to fix on fatal errors', () => {
    const c = classifyError({ status: 401 }, ctx);
    expect(c.type === 'fatal' && c.error.hint).toMatch(/OPENAI_API_KEY/);
  });
});
