/** A token-bucket rate limit as real endpoints apply it, with the headers they send. */
export interface RateLimitOptions {
  /** Requests refilled per second (the bucket holds `burst`, default the same number). */
  requestsPerSecond: number;
  burst?: number;
  /** Tokens (prompt + max output, the server's count) refilled per minute; unlimited when absent. */
  tokensPerMinute?: number;
  /** A fixed `retry-after` value sent with every 429 (e.g. '999999', or an HTTP date), instead of the real wait. */
  retryAfter?: string;
  /** Send x-ratelimit-* headers on every reply (default true). */
  headers?: boolean;
}

export interface RateDecision {
  /** null: accepted; else the 429's headers. */
  rejected: Record<string, string> | null;
  /** Headers for an accepted reply. */
  headers: Record<string, string>;
}

/** OpenAI's duration format: "1s", "6m0s", "120ms". */
export function formatReset(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const s = ms / 1000;
  if (s < 60) return `${Number(s.toFixed(3))}s`;
  return `${Math.floor(s / 60)}m${Math.round(s % 60)}s`;
}

/** One bucket for requests and one for tokens, refilled continuously (as OpenAI describes its limits). */
export class TokenBucketLimiter {
  private requests: number;
  private tokens: number;
  private last = Date.now();
  private readonly burst: number;

  constructor(private readonly o: RateLimitOptions) {
    this.burst = o.burst ?? o.requestsPerSecond;
    this.requests = this.burst;
    this.tokens = o.tokensPerMinute ?? Infinity;
  }

  take(tokens: number): RateDecision {
    this.refill();
    const needTokens = this.o.tokensPerMinute === undefined ? 0 : Math.min(tokens, this.o.tokensPerMinute);
    if (this.requests >= 1 && this.tokens >= needTokens) {
      this.requests -= 1;
      this.tokens -= needTokens;
      return { rejected: null, headers: this.headers() };
    }
    const waitReq = this.requests >= 1 ? 0 : ((1 - this.requests) / this.o.requestsPerSecond) * 1000;
    const waitTok = this.tokens >= needTokens ? 0 : ((needTokens - this.tokens) / this.o.tokensPerMinute!) * 60_000;
    const waitMs = Math.max(1, Math.ceil(Math.max(waitReq, waitTok)));
    const retry: Record<string, string> = this.o.retryAfter === undefined ? { 'retry-after-ms': String(waitMs), 'retry-after': String(Math.ceil(waitMs / 1000)) } : { 'retry-after': this.o.retryAfter };
    return { rejected: { ...this.headers(), ...retry }, headers: {} };
  }

  private refill(): void {
    const now = Date.now();
    const dt = (now - this.last) / 1000;
    this.last = now;
    this.requests = Math.min(this.burst, this.requests + dt * this.o.requestsPerSecond);
    if (this.o.tokensPerMinute !== undefined) this.tokens = Math.min(this.o.tokensPerMinute, this.tokens + (dt / 60) * this.o.tokensPerMinute);
  }

  private headers(): Record<string, string> {
    if (this.o.headers === false) return {};
    const remaining = Math.max(0, Math.floor(this.requests));
    const h: Record<string, string> = {
      'x-ratelimit-limit-requests': String(this.burst),
      'x-ratelimit-remaining-requests': String(remaining),
      'x-ratelimit-reset-requests': formatReset(((this.burst - this.requests) / this.o.requestsPerSecond) * 1000),
    };
    if (this.o.tokensPerMinute !== undefined) {
      h['x-ratelimit-limit-tokens'] = String(this.o.tokensPerMinute);
      h['x-ratelimit-remaining-tokens'] = String(Math.max(0, Math.floor(this.tokens)));
      h['x-ratelimit-reset-tokens'] = formatReset(((this.o.tokensPerMinute - this.tokens) / this.o.tokensPerMinute) * 60_000);
    }
    return h;
  }
}
