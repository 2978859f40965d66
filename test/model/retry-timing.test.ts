import { describe, expect, it } from 'vitest';
import { headerOf, parseResetDuration, retryAfterFromHeaders } from '../../src/model/retry-after.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../src/model/retry-policy.js';

/** How long a retry waits: what the server's headers ask for, and the backoff when they ask nothing. */
describe('retry-after headers', () => {
  const now = Date.UTC(2026, 11, 7, 12, 0, 0);

  it('retry-after-ms wins over retry-after; a blank, negative or non-numeric retry-after-ms is ignored', () => {
    expect(retryAfterFromHeaders({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
    expect(retryAfterFromHeaders({ 'retry-after-ms': '0' }, now)).toBe(0);
    for (const bad of ['', ' ', '-5', 'soon']) expect(retryAfterFromHeaders({ 'retry-after-ms': bad, 'retry-after': '2' }, now)).toBe(2000);
    expect(retryAfterFromHeaders({ 'retry-after-ms': 'soon' }, now)).toBeUndefined();
  });

  it('retry-after in seconds (fractions too), or as an HTTP date counted from now; a date in the past means now', () => {
    expect(retryAfterFromHeaders({ 'retry-after': '0' }, now)).toBe(0);
    expect(retryAfterFromHeaders({ 'retry-after': '2.5' }, now)).toBe(2500);
    expect(retryAfterFromHeaders({ 'retry-after': new Date(now + 7000).toUTCString() }, now)).toBe(7000);
    expect(retryAfterFromHeaders({ 'retry-after': new Date(now - 7000).toUTCString() }, now)).toBe(0);
    expect(retryAfterFromHeaders({ 'retry-after': '-1' }, now)).toBe(0);
  });

  it('no wait is read from a missing, blank or unreadable retry-after', () => {
    expect(retryAfterFromHeaders({}, now)).toBeUndefined();
    expect(retryAfterFromHeaders({ 'retry-after': '' }, now)).toBeUndefined();
    expect(retryAfterFromHeaders({ 'retry-after': '   ' }, now)).toBeUndefined();
    expect(retryAfterFromHeaders({ 'retry-after': 'whenever' }, now)).toBeUndefined();
    expect(retryAfterFromHeaders(undefined, now)).toBeUndefined();
    expect(retryAfterFromHeaders('retry-after: 5', now)).toBeUndefined();
  });

  it('headers as a Headers object (any case) or a plain record (as sent, or lower-case); only text values count', () => {
    expect(headerOf(new Headers({ 'Retry-After': '3' }), 'retry-after')).toBe('3');
    expect(headerOf(new Headers({}), 'retry-after')).toBeUndefined();
    expect(headerOf({ 'Retry-After': '4' }, 'Retry-After')).toBe('4');
    expect(headerOf({ 'retry-after': '5' }, 'Retry-After')).toBe('5');
    expect(headerOf({ 'retry-after': 5 }, 'retry-after')).toBeUndefined();
    expect(headerOf(null, 'retry-after')).toBeUndefined();
  });
});

describe("rate-limit reset durations (x-ratelimit-reset-*)", () => {
  it("OpenAI's forms, summed: hours, minutes, seconds, milliseconds, with fractions", () => {
    expect(parseResetDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseResetDuration('1m30s')).toBe(90_000);
    expect(parseResetDuration('2s500ms')).toBe(2500);
    expect(parseResetDuration('0.5ms')).toBe(0.5);
    expect(parseResetDuration('1.25s')).toBe(1250);
  });

  it('plain seconds, with spaces around', () => {
    expect(parseResetDuration(' 2 ')).toBe(2000);
    expect(parseResetDuration('0.25')).toBe(250);
    expect(parseResetDuration('12')).toBe(12_000);
  });

  it('anything else is not a duration', () => {
    for (const bad of ['', 'ms', '1x', '1s soon', 'in 1s', '1 s', '-1s', '1.s', '-2', 'x2']) expect(parseResetDuration(bad), bad).toBeUndefined();
    expect(parseResetDuration(undefined)).toBeUndefined();
  });
});

describe('retry delays', () => {
  const p = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };

  it('backoff doubles with each retry, between half and all of the step ("equal jitter"), up to the ceiling', () => {
    expect([1, 2, 3, 4].map((r) => retryDelayMs(r, p, undefined, () => 0))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4, 5].map((r) => retryDelayMs(r, p, undefined, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(retryDelayMs(2, p, undefined, () => 0.5)).toBe(150);
    expect(retryDelayMs(0, p, undefined, () => 1)).toBe(100);
    expect(retryDelayMs(1, { ...p, baseDelayMs: 3 }, undefined, () => 0)).toBe(2);
  });

  it('with a server hint: that long plus up to a tenth more (at least 20 ms, at most 1 s) of jitter, in whole ms', () => {
    expect(retryDelayMs(1, p, 2000, () => 0)).toBe(2000);
    expect(retryDelayMs(1, p, 2000, () => 1)).toBe(2220);
    expect(retryDelayMs(1, p, 2000, () => 0.5)).toBe(2110);
    expect(retryDelayMs(1, p, 0, () => 1)).toBe(20);
    expect(retryDelayMs(1, p, 60_000, () => 1)).toBe(61_000);
    expect(retryDelayMs(1, p, 1, () => 0.5)).toBe(11);
    // The hint replaces the backoff, however many retries came before.
    expect(retryDelayMs(6, p, 100, () => 0)).toBe(100);
  });

  it('the defaults: 5 retries, from 500 ms up to 30 s per step, a retry-after honoured up to 5 minutes', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 300_000 });
  });
});
