import { describe, expect, it } from 'vitest';
import { AbortedError } from '../../src/errors.js';
import { classifyError } from '../../src/model/classify-error.js';
import { parseResetDuration, retryAfterFromHeaders } from '../../src/model/retry-after.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../src/model/retry-policy.js';
import { Scheduler } from '../../src/model/scheduler.js';

describe('Scheduler', () => {
  it('holds any number of requests waiting on one signal without a listener each (no MaxListenersExceededWarning), and rejects them all on abort', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const s = new Scheduler({ maxConcurrency: 1 });
      const controller = new AbortController();
      let release!: () => void;
      let started!: () => void;
      const running = new Promise<void>((r) => (started = r));
      const first = s.run(() => new Promise<void>((r) => ((release = r), started())), controller.signal);
      await running;
      const queued = Array.from({ length: 50 }, () => s.run(async () => 'ran', controller.signal));
      controller.abort();
      const outcomes = await Promise.allSettled(queued);
      expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof AbortedError)).toBe(true);
      release();
      await first;
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

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
    expect(retryAfterFromHeaders({ 'retry-after': 'Fri, 01 Jan 2099 00:00:00 GMT' })).toBeGreaterThan(1e12);
  });

  it("reads OpenAI's reset durations", () => {
    expect(parseResetDuration('120ms')).toBe(120);
    expect(parseResetDuration('6m0s')).toBe(360_000);
    expect(parseResetDuration('1.5s')).toBe(1500);
    expect(parseResetDuration('2')).toBe(2000);
    expect(parseResetDuration('soon')).toBeUndefined();
  });
});

describe('classifyError', () => {
  const ctx = { endpoint: 'http://h/v1', model: 'm' };
  it.each([
    [{ status: 429, headers: { 'retry-after-ms': '10' } }, 'rate-limited'],
    [{ status: 500 }, 'transient'],
    [{ status: 503 }, 'transient'],
    [{ status: 401 }, 'fatal'],
    [{ status: 404 }, 'fatal'],
    [{ status: 429, code: 'insufficient_quota', message: 'You exceeded your current quota' }, 'fatal'],
    [{ status: 400, message: 'bad' }, 'rejected'],
    [{ status: 400, message: "Unsupported parameter: 'max_tokens' is not supported with this model." }, 'shape'],
    [{ status: 400, message: "This model's maximum context length is 4096 tokens." }, 'overflow'],
    [{ status: 400, message: 'x', code: 'context_length_exceeded' }, 'overflow'],
    [new SyntaxError("Unexpected token '<'"), 'transient'],
    [Object.assign(new Error('Request timed out.'), { name: 'TimeoutError' }), 'transient'],
    [Object.assign(new Error('Connection error.'), { name: 'APIConnectionError', cause: { code: 'ECONNRESET' } }), 'transient'],
    [new TypeError('x is not a function'), 'unknown'],
  ])('%o -> %s', (err, type) => {
    expect(classifyError(err, ctx).type).toBe(type);
  });

  it('reads the window from a context-length message', () => {
    const c = classifyError({ status: 400, message: "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens" }, ctx);
    expect(c).toMatchObject({ type: 'overflow', window: 4096, output: false });
  });

  it('says what to fix on fatal errors', () => {
    const c = classifyError({ status: 401 }, ctx);
    expect(c.type === 'fatal' && c.error.hint).toMatch(/OPENAI_API_KEY/);
  });
});
