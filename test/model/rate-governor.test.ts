import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortedError } from '../../src/errors.js';
import { clock, RateDeadlineError, RateGovernor } from '../../src/model/rate-governor.js';

/**
 * The rate governor on a fake clock: when each request may start, given what the endpoint's
 * `x-ratelimit-*` headers and 429s said. Every figure here is a wait the headers imply.
 */
beforeEach(() => {
  vi.useFakeTimers({ now: new Date(2026, 11, 7, 12, 0, 0) });
});
afterEach(() => {
  vi.useRealTimers();
});

const headers = (h: Record<string, string>) => new Headers(h);
const none = () => undefined;

/** How long (fake ms) `admit` held one request before letting it start. */
async function waitOf(gov: RateGovernor, tokens = 1, deadlineAt = Infinity, onWait: (until: number) => void = none): Promise<number> {
  const t0 = Date.now();
  await Promise.all([gov.admit(tokens, deadlineAt, undefined, onWait), vi.runAllTimersAsync()]);
  return Date.now() - t0;
}

/** The waits of `n` requests admitted one after the other. */
async function waitsOf(gov: RateGovernor, n: number, tokens = 1): Promise<number[]> {
  const waits: number[] = [];
  for (let i = 0; i < n; i++) waits.push(await waitOf(gov, tokens));
  return waits;
}

describe('pacing to the request bucket the headers describe', () => {
  it('an empty bucket refills at limit per reset: 10 requests per 1 s means one every 100 ms', async () => {
    const gov = new RateGovernor();
    gov.observe(200, headers({ 'x-ratelimit-limit-requests': '10', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1s' }));
    expect(await waitsOf(gov, 4)).toEqual([100, 100, 100, 100]);
    expect(gov.seen()).toMatchObject({ limitRequests: 10, remainingRequests: 0, pacedPerSecond: 10 });
  });

  it('what is left goes out at once, then the refill rate (limit 10, 5 left, reset in 1 s: one every 200 ms)', async () => {
    const gov = new RateGovernor();
    gov.observe(200, headers({ 'x-ratelimit-limit-requests': '10', 'x-ratelimit-remaining-requests': '5', 'x-ratelimit-reset-requests': '1s' }));
    expect(await waitsOf(gov, 7)).toEqual([0, 0, 0, 0, 0, 200, 200]);
    expect(gov.seen().pacedPerSecond).toBe(5);
  });

  it('an idle bucket fills up to the limit and no further: after 10 s idle, 10 requests at once, then the refill rate', async () => {
    const gov = new RateGovernor();
    gov.observe(200, headers({ 'x-ratelimit-limit-requests': '10', 'x-ratelimit-remaining-requests': '5', 'x-ratelimit-reset-requests': '1s' }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await waitsOf(gov, 11)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200]);
  });

  it('without a limit (or with a full bucket) there is no refill rate: what is left goes out, then the rest waits for the reset', async () => {
    const noLimit = new RateGovernor();
    noLimit.observe(200, headers({ 'x-ratelimit-remaining-requests': '2', 'x-ratelimit-reset-requests': '3s' }));
    expect(await waitsOf(noLimit, 4)).toEqual([0, 0, 3000, 0]);
    expect(noLimit.seen()).toMatchObject({ limitRequests: null, remainingRequests: 2, pacedPerSecond: null });

    const full = new RateGovernor();
    full.observe(200, headers({ 'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '3', 'x-ratelimit-reset-requests': '1s' }));
    expect(await waitsOf(full, 5)).toEqual([0, 0, 0, 1000, 0]);
    expect(full.seen().pacedPerSecond).toBeNull();
  });

  it('a bucket without a reset time never holds a request', async () => {
    const gov = new RateGovernor();
    gov.observe(200, headers({ 'x-ratelimit-limit-requests': '10', 'x-ratelimit-remaining-requests': '0' }));
    expect(await waitsOf(gov, 3)).toEqual([0, 0, 0]);
    expect(gov.seen().pacedPerSecond).toBeNull();
  });

  it('reset durations in OpenAI\'s form ("1m30s", "500ms") or plain seconds', async () => {
    const minutes = new RateGovernor();
    minutes.observe(200, headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1m30s' }));
    expect(await waitOf(minutes)).toBe(90_000);
    const plain = new RateGovernor();
    plain.observe(200, headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '2.5' }));
    expect(await waitOf(plain)).toBe(2500);
  });

  it('headers it cannot read are ignored: a non-numeric remaining count paces nothing, a non-numeric limit is no limit', async () => {
    const gov = new RateGovernor();
    gov.observe(200, headers({ 'x-ratelimit-limit-requests': '10', 'x-ratelimit-remaining-requests': 'lots', 'x-ratelimit-reset-requests': '1s' }));
    expect(await waitsOf(gov, 3)).toEqual([0, 0, 0]);
    expect(gov.seen()).toMatchObject({ limitRequests: null, remainingRequests: null });
    const limitless = new RateGovernor();
    limitless.observe(200, headers({ 'x-ratelimit-limit-requests': 'n/a', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '2s' }));
    expect(await waitOf(limitless)).toBe(2000);
    expect(limitless.seen()).toMatchObject({ limitRequests: null, remainingRequests: 0, pacedPerSecond: null });
  });

  it('a reply without rate headers keeps what earlier replies said', async () => {
    const gov = new RateGovernor();
    gov.observe(200, headers({ 'x-ratelimit-limit-requests': '10', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1s' }));
    gov.observe(200, headers({ 'content-type': 'application/json' }));
    expect(await waitOf(gov)).toBe(100);
    expect(gov.seen()).toMatchObject({ limitRequests: 10, limitTokens: null });

    const tokens = new RateGovernor();
    tokens.observe(200, headers({ 'x-ratelimit-limit-tokens': '1000', 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '10s' }));
    tokens.observe(200, headers({ 'x-ratelimit-remaining-requests': '50' }));
    expect(await waitOf(tokens, 100)).toBe(1000);
    expect(tokens.seen()).toMatchObject({ limitTokens: 1000, remainingTokens: 0, remainingRequests: 50 });
  });

  it('a partly refilled unit counts: the next request waits only for the rest of it', async () => {
    const gov = new RateGovernor();
    gov.observe(200, headers({ 'x-ratelimit-limit-requests': '10', 'x-ratelimit-remaining-requests': '1', 'x-ratelimit-reset-requests': '1.8s' }));
    // 200 ms per request: the one left goes at once; 50 ms later a quarter of the next has refilled.
    expect(await waitOf(gov)).toBe(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(await waitOf(gov)).toBe(150);
  });

  it('an over-drawn bucket (a negative remaining count) without a limit waits for its reset', async () => {
    const gov = new RateGovernor();
    gov.observe(200, headers({ 'x-ratelimit-remaining-requests': '-1', 'x-ratelimit-reset-requests': '2s' }));
    expect(await waitOf(gov)).toBe(2000);
  });
});

describe('pacing to the token bucket', () => {
  const tokenHeaders = headers({ 'x-ratelimit-limit-tokens': '1000', 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '10s' });

  it('a request waits until its estimated tokens have refilled (1000 tokens per 10 s: 100 tokens take 1 s)', async () => {
    const gov = new RateGovernor();
    gov.observe(200, tokenHeaders);
    expect(await waitsOf(gov, 2, 100)).toEqual([1000, 1000]);
    expect(gov.seen()).toMatchObject({ limitTokens: 1000, remainingTokens: 0, limitRequests: null });
  });

  it('a request larger than the whole limit waits for a full bucket, not forever', async () => {
    const gov = new RateGovernor();
    gov.observe(200, tokenHeaders);
    expect(await waitOf(gov, 5000)).toBe(10_000);
  });

  it('requests and tokens together: a request waits for the later of the two', async () => {
    const gov = new RateGovernor();
    gov.observe(200, headers({ 'x-ratelimit-limit-requests': '10', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-limit-tokens': '1000', 'x-ratelimit-remaining-tokens': '1000', 'x-ratelimit-reset-tokens': '1s' }));
    expect(await waitOf(gov, 10)).toBe(100);
    expect(gov.seen()).toMatchObject({ limitRequests: 10, remainingRequests: 0, limitTokens: 1000, remainingTokens: 1000 });
    const tokensLater = new RateGovernor();
    tokensLater.observe(200, headers({ 'x-ratelimit-limit-requests': '10', 'x-ratelimit-remaining-requests': '10', 'x-ratelimit-reset-requests': '1s', ...Object.fromEntries(tokenHeaders) }));
    expect(await waitOf(tokensLater, 50)).toBe(500);
  });
});

describe('429s', () => {
  it('a 429 pauses every new request until its retry-after, or the fallback delay without one', async () => {
    const gov = new RateGovernor();
    gov.rateLimited(1500, 9000, Date.now());
    expect(await waitOf(gov)).toBe(1500);
    const fallback = new RateGovernor();
    fallback.rateLimited(undefined, 700, Date.now());
    expect(await waitOf(fallback)).toBe(700);
    expect(fallback.seen().rateLimited).toBe(1);
  });

  it('a later, shorter retry-after does not shorten the pause; a longer one extends a wait already under way', async () => {
    const gov = new RateGovernor();
    gov.rateLimited(3000, 0, Date.now());
    gov.rateLimited(1000, 0, Date.now());
    expect(await waitOf(gov)).toBe(3000);

    const extended = new RateGovernor();
    extended.rateLimited(1000, 0, Date.now());
    const t0 = Date.now();
    const admitted = extended.admit(1, Infinity, undefined, none);
    await vi.advanceTimersByTimeAsync(500);
    extended.rateLimited(2000, 0, Date.now());
    await Promise.all([admitted, vi.runAllTimersAsync()]);
    expect(Date.now() - t0).toBe(2500);
    expect(extended.seen().rateLimited).toBe(2);
  });

  it('without rate headers the first 429 sets a pace of 20 requests/s, and each later congestion slows it by a fifth', async () => {
    const gov = new RateGovernor();
    expect(gov.seen().pacedPerSecond).toBeNull();
    gov.rateLimited(0, 0, Date.now());
    expect(gov.seen().pacedPerSecond).toBe(20);
    expect(await waitsOf(gov, 3)).toEqual([0, 50, 50]);
    gov.rateLimited(0, 0, Date.now());
    expect(gov.seen().pacedPerSecond).toBe(16.67);
    // The start already scheduled keeps its slot; the ones after it are 60 ms apart.
    expect(await waitsOf(gov, 3)).toEqual([50, 60, 60]);
  });

  it('429s of requests sent before the last slow-down are the same congestion: they do not slow the pace again', async () => {
    const gov = new RateGovernor();
    const sentEarlier = Date.now();
    await vi.advanceTimersByTimeAsync(10);
    gov.rateLimited(0, 0, sentEarlier);
    gov.rateLimited(0, 0, sentEarlier);
    gov.rateLimited(0, 0, sentEarlier + 5);
    expect(gov.seen()).toMatchObject({ pacedPerSecond: 20, rateLimited: 3 });
    await vi.advanceTimersByTimeAsync(10);
    gov.rateLimited(0, 0, Date.now() - 1);
    expect(gov.seen().pacedPerSecond).toBe(16.67);
  });

  it('each success speeds the learned pace up by 1%; with no learned pace a success changes nothing', async () => {
    const gov = new RateGovernor();
    gov.succeeded();
    expect(gov.seen().pacedPerSecond).toBeNull();
    expect(await waitsOf(gov, 2)).toEqual([0, 0]);
    gov.rateLimited(0, 0, Date.now());
    gov.succeeded();
    expect(gov.seen().pacedPerSecond).toBe(20.2);
    for (let i = 0; i < 9; i++) gov.succeeded();
    // 50 ms * 0.99^10 = 45.22 ms between starts: 22.11 requests/s.
    expect(gov.seen().pacedPerSecond).toBe(22.11);
  });

  it('with a refill rate from the headers, a 429 pauses but leaves the pace to the headers', async () => {
    const gov = new RateGovernor();
    gov.observe(200, headers({ 'x-ratelimit-limit-requests': '10', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1s' }));
    gov.rateLimited(300, 0, Date.now());
    expect(gov.seen()).toMatchObject({ pacedPerSecond: 10, rateLimited: 1 });
    // The pause's 300 ms refilled 3 requests; then one every 100 ms, with no learned interval on top.
    expect(await waitsOf(gov, 5)).toEqual([300, 0, 0, 100, 100]);
  });
});

describe('deadlines, announcements and aborts', () => {
  const emptyFor2s = () => {
    const gov = new RateGovernor();
    gov.observe(200, headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '2s' }));
    return gov;
  };

  it('a request that could start only after its deadline fails at once, naming when it could have started', async () => {
    const t0 = Date.now();
    const err = await emptyFor2s().admit(1, t0 + 1999, undefined, none).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateDeadlineError);
    expect(err).toMatchObject({ until: t0 + 2000, message: 'the rate limit would delay it until 12:00:02, past its deadline' });
    expect(Date.now()).toBe(t0);
    expect(await waitOf(emptyFor2s(), 1, t0 + 2000)).toBe(2000);
  });

  it('a wait of half a second or more is announced with the time it ends; a shorter one is not', async () => {
    const short = new RateGovernor();
    short.rateLimited(499, 0, Date.now());
    const quiet: number[] = [];
    expect(await waitOf(short, 1, Infinity, (u) => quiet.push(u))).toBe(499);
    expect(quiet).toEqual([]);

    const long = new RateGovernor();
    const t0 = Date.now();
    long.rateLimited(500, 0, t0);
    const told: number[] = [];
    await waitOf(long, 1, Infinity, (u) => told.push(u));
    expect(told).toEqual([t0 + 500]);
  });

  it('one announcement per pause, however many requests wait for it; a pause ending over a second later is announced again', async () => {
    const gov = new RateGovernor();
    const empty = (reset: string) => gov.observe(200, headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': reset }));
    const t0 = Date.now();
    empty('2s');
    const told: number[] = [];
    const onWait = (u: number) => told.push(u);
    await Promise.all([gov.admit(1, Infinity, undefined, onWait), gov.admit(1, Infinity, undefined, onWait), vi.runAllTimersAsync()]);
    expect(Date.now()).toBe(t0 + 2000);
    expect(told).toEqual([t0 + 2000]);

    // Ends exactly 1 s after the announced one: still the same pause as far as the user is concerned.
    empty('1s');
    expect(await waitOf(gov, 1, Infinity, onWait)).toBe(1000);
    expect(told).toEqual([t0 + 2000]);
    empty('1001ms');
    expect(await waitOf(gov, 1, Infinity, onWait)).toBe(1001);
    expect(told).toEqual([t0 + 2000, t0 + 4001]);
  });

  it('aborting a waiting request rejects it at once', async () => {
    const gov = emptyFor2s();
    const controller = new AbortController();
    const admitted = gov.admit(1, Infinity, controller.signal, none);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await expect(admitted).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('room for more requests in flight', () => {
  it('without headers there is always room', () => {
    expect(new RateGovernor().roomFor(1000)).toBe(true);
  });

  it('room while what is left of the request bucket covers the requests in flight; all the room once it resets', async () => {
    const gov = new RateGovernor();
    gov.observe(200, headers({ 'x-ratelimit-remaining-requests': '3', 'x-ratelimit-reset-requests': '10s' }));
    expect(gov.roomFor(3)).toBe(true);
    expect(gov.roomFor(4)).toBe(false);
    await waitOf(gov);
    expect(gov.roomFor(3)).toBe(false);
    expect(gov.roomFor(2)).toBe(true);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(gov.roomFor(3)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(gov.roomFor(100)).toBe(true);
  });

  it('room while at least a tenth of the token limit (rounded up) is left', async () => {
    const room = (limit: string, remaining: string) => {
      const gov = new RateGovernor();
      gov.observe(200, headers({ 'x-ratelimit-limit-tokens': limit, 'x-ratelimit-remaining-tokens': remaining, 'x-ratelimit-reset-tokens': '10s' }));
      return gov.roomFor(1);
    };
    expect(room('1000', '100')).toBe(true);
    expect(room('1000', '99')).toBe(false);
    expect(room('995', '99')).toBe(false);
    expect(room('995', '100')).toBe(true);
    const spent = new RateGovernor();
    spent.observe(200, headers({ 'x-ratelimit-limit-tokens': '1000', 'x-ratelimit-remaining-tokens': '150', 'x-ratelimit-reset-tokens': '10s' }));
    await waitOf(spent, 60);
    expect(spent.roomFor(1)).toBe(false);
  });
});

it('clock() is the local HH:MM:SS of a time', () => {
  expect(clock(new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('03:04:05');
  expect(clock(new Date(2026, 0, 2, 23, 59, 9).getTime())).toBe('23:59:09');
});
