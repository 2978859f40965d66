import { headerOf, parseResetDuration } from './retry-after.js';
import { sleep } from './sleep.js';

/** What the endpoint's headers said about its limits (for `doctor` and run.json). */
export interface RateLimitsSeen {
  limitRequests: number | null;
  limitTokens: number | null;
  remainingRequests: number | null;
  remainingTokens: number | null;
  /** Requests per second litrev paces to now (learned from headers or 429s); null while unpaced. */
  pacedPerSecond: number | null;
  /** 429 replies received. */
  rateLimited: number;
}

/** A bucket as the headers describe it: what was left when observed, and how fast it refills. */
interface Bucket {
  /** What the headers said was left (reported by `seen()`). */
  remaining: number;
  limit: number | null;
  /** ms per unit refilled; null when the headers do not tell. */
  refillMs: number | null;
  resetAt: number;
  /** Units left at `levelAt`: the headers' figure, less what was taken since, plus what refilled (never above the limit). */
  level: number;
  levelAt: number;
}

/** Pace set by the first 429 without rate headers (20 requests/s), then slowed by a fifth per congestion event. */
const INITIAL_INTERVAL_MS = 50;
const SLOWDOWN = 1.2;
/** Waits at least this long are announced. */
const ANNOUNCE_MS = 500;
const SPEEDUP = 0.99;

/** A request could start only after its deadline (a long rate-limit wait). */
export class RateDeadlineError extends Error {
  constructor(readonly until: number) {
    super(`the rate limit would delay it until ${clock(until)}, past its deadline`);
    this.name = 'RateDeadlineError';
  }
}

/**
 * One rate governor per gateway (one run, one `ask` or `chat` session), shared by every request of
 * every stage and embedding call. It reads `x-ratelimit-remaining/limit/reset-requests/-tokens` from every reply and
 * paces request starts and estimated tokens like the endpoint's token bucket refills; a 429 pauses
 * every new request until its `retry-after`, and without headers the pace is learned from the 429s.
 */
export class RateGovernor {
  private pauseUntil = 0;
  private nextStart = 0;
  private intervalMs = 0;
  private requests: Bucket | null = null;
  private tokens: Bucket | null = null;
  private lastSlowdown = 0;
  private rateLimitedCount = 0;
  private lastAnnounced = 0;

  /** Read the rate-limit headers of any reply. */
  observe(status: number, headers: Headers): void {
    const now = Date.now();
    const req = bucketFrom(headers, 'requests', now);
    if (req) this.requests = req;
    const tok = bucketFrom(headers, 'tokens', now);
    if (tok) this.tokens = tok;
    void status;
  }

  /**
   * Wait until a request with `estimatedTokens` may start. Throws RateDeadlineError when that would be
   * after `deadlineAt`. `onWait(until)` is told of a wait of half a second or more (once per pause).
   */
  async admit(estimatedTokens: number, deadlineAt: number, signal: AbortSignal | undefined, onWait: (until: number) => void): Promise<void> {
    for (;;) {
      const now = Date.now();
      const at = Math.max(now, this.pauseUntil, this.nextStart, bucketWait(this.requests, 1, now), bucketWait(this.tokens, estimatedTokens, now));
      if (at > deadlineAt) throw new RateDeadlineError(at);
      if (at <= now) break;
      if (at - now >= ANNOUNCE_MS && at > this.lastAnnounced + 1000) {
        this.lastAnnounced = at;
        onWait(at);
      }
      await sleep(at - now, signal);
    }
    const now = Date.now();
    this.nextStart = Math.max(this.nextStart, now) + this.intervalMs;
    if (this.requests) take(this.requests, 1, now);
    if (this.tokens) take(this.tokens, estimatedTokens, now);
  }

  /**
   * A 429 for a request started at `sentAt`: pause everyone until `retryAfterMs`. Without rate
   * headers, slow the pace (AIMD on the interval between starts, as TCP does with its window: one
   * congestion event slows it once, so 429s of requests already on their way do not count again).
   */
  rateLimited(retryAfterMs: number | undefined, fallbackMs: number, sentAt: number): void {
    const now = Date.now();
    this.rateLimitedCount++;
    this.pauseUntil = Math.max(this.pauseUntil, now + (retryAfterMs ?? fallbackMs));
    if (this.requests?.refillMs || sentAt < this.lastSlowdown) return;
    this.lastSlowdown = now;
    this.intervalMs = this.intervalMs === 0 ? INITIAL_INTERVAL_MS : this.intervalMs * SLOWDOWN;
  }

  /** A request succeeded: probe a slightly faster pace. */
  succeeded(): void {
    if (this.intervalMs > 0) this.intervalMs *= SPEEDUP;
  }

  /** Whether the headers leave room for `inFlight` more requests (true when there are no headers). */
  roomFor(inFlight: number): boolean {
    const now = Date.now();
    const left = (b: Bucket | null, units: number) => b === null || b.resetAt <= now || levelOf(b, now) >= units;
    return left(this.requests, inFlight) && left(this.tokens, Math.ceil((this.tokens?.limit ?? 0) / 10));
  }

  seen(): RateLimitsSeen {
    const paced = this.requests?.refillMs ? 1000 / this.requests.refillMs : this.intervalMs > 0 ? 1000 / this.intervalMs : null;
    return {
      limitRequests: this.requests?.limit ?? null,
      limitTokens: this.tokens?.limit ?? null,
      remainingRequests: this.requests?.remaining ?? null,
      remainingTokens: this.tokens?.remaining ?? null,
      pacedPerSecond: paced === null ? null : Math.round(paced * 100) / 100,
      rateLimited: this.rateLimitedCount,
    };
  }
}

function bucketFrom(headers: Headers, kind: 'requests' | 'tokens', now: number): Bucket | null {
  const remaining = Number(headerOf(headers, `x-ratelimit-remaining-${kind}`));
  if (headerOf(headers, `x-ratelimit-remaining-${kind}`) === undefined || !Number.isFinite(remaining)) return null;
  const limitText = headerOf(headers, `x-ratelimit-limit-${kind}`);
  const limit = limitText === undefined || !Number.isFinite(Number(limitText)) ? null : Number(limitText);
  const reset = parseResetDuration(headerOf(headers, `x-ratelimit-reset-${kind}`)) ?? 0;
  const refillMs = limit !== null && limit > remaining && reset > 0 ? reset / (limit - remaining) : null;
  return { remaining, limit, refillMs, resetAt: now + reset, level: remaining, levelAt: now };
}

/** Units in the bucket at `now`: what refilled since `levelAt` is added, up to the limit (a full bucket stops filling). */
function levelOf(b: Bucket, now: number): number {
  return b.refillMs ? Math.min(b.limit ?? Infinity, b.level + (now - b.levelAt) / b.refillMs) : b.level;
}

/** A request took `units` at `now`. */
function take(b: Bucket, units: number, now: number): void {
  b.level = levelOf(b, now) - units;
  b.levelAt = now;
}

/** When `units` will be available in the bucket (now or later). */
function bucketWait(b: Bucket | null, units: number, now: number): number {
  if (!b) return 0;
  const need = Math.min(units, b.limit ?? units);
  const available = levelOf(b, now);
  if (b.refillMs) return available >= need ? 0 : now + (need - available) * b.refillMs;
  return available >= need || b.resetAt <= now ? 0 : b.resetAt;
}

/** HH:MM:SS local time. */
export function clock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
