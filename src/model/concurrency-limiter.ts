/** The requests in flight allowed at a moment of the run, and why it changed (run.json, the dashboard). */
export interface LimitChange {
  /** ms since the gateway was created. */
  atMs: number;
  limit: number;
  reason: string;
}

export interface ConcurrencyState {
  /** Whether the limit adapts to the endpoint (false for Batch API runs). */
  adaptive: boolean;
  start: number;
  ceiling: number;
  limit: number;
  /** Every change of the limit, the first entry being the start. */
  timeline: LimitChange[];
}

/** Where the limit starts, and how high it may go without `--concurrency N` (with it, N is the ceiling). */
export const START_CONCURRENCY = 8;
export const ADAPTIVE_CEILING = 64;

/** The limit's start and ceiling for a configuration: `--concurrency N` is the ceiling; without it, ADAPTIVE_CEILING. */
export function concurrencyBounds(c: { concurrency: number; concurrencyIsDefault?: boolean }): { start: number; ceiling: number } {
  const ceiling = c.concurrencyIsDefault ? Math.max(c.concurrency, ADAPTIVE_CEILING) : c.concurrency;
  return { start: Math.min(START_CONCURRENCY, c.concurrency, ceiling), ceiling };
}
/** A round's latency this much above the baseline is flat (room to grow), above RISING it is congestion. */
const FLAT = 1.25;
const RISING = 1.5;
/** 429s and 5xx: the limit is cut by this factor, once per round. */
const OVERLOAD_CUT = 0.75;
/** A congested round never cuts the limit by more than half. */
const MOST_CUT = 0.5;
/** Added to every latency before comparing: jitter below this (a local server, a busy event loop) is not a signal. */
const NOISE_MS = 250;
/** Timeline entries kept (the first and the latest). */
const TIMELINE_MAX = 200;

/**
 * How many requests the endpoint is given at once, adapted to what it shows (a gradient limiter in
 * the manner of TCP Vegas and Netflix's concurrency-limits). Latency is measured per stage (a
 * classification reply and a screening reply differ by nature): the baseline is the fastest reply of
 * the stage, and a round is as many replies as the limit. While a round's median latency stays
 * within FLAT of the baseline, the limit was all used and the rate-limit headers leave room, the
 * limit grows: doubling until the first sign of congestion (slow start), then by one per round.
 * The start is trusted without evidence, so a round in which requests waited to be sent counts as
 * used whatever held them back: the limit, the first request of a kind probing the request shape
 * (alone or with one companion: the last reply of the probe, with nothing else out and the others
 * waiting behind it, closes a round), or prompts not yet shown to fit the window. Slow
 * start never goes beyond twice the start or twice the requests seen out at once.
 * Latency above RISING shrinks it in proportion (limit × baseline / latency); a 429 or a 5xx cuts it
 * by a quarter. Cuts stop at half the start (4 by default); it never goes above the ceiling (`--concurrency N`, else ADAPTIVE_CEILING).
 * Every change is in the timeline.
 */
export class ConcurrencyLimiter {
  private current: number;
  private readonly baseline = new Map<string, number>();
  private round: number[] = [];
  private busiest = 0;
  private waited = false;
  private slowStart = true;
  private overloadRound = -1;
  private rounds = 0;
  private readonly timeline: LimitChange[] = [];
  private readonly now: () => number;
  private readonly born: number;

  constructor(
    private readonly o: { start: number; ceiling: number; adaptive: boolean; now?: () => number },
    private readonly apply: (limit: number, change: LimitChange, lowered: boolean) => void = () => undefined,
  ) {
    this.now = o.now ?? Date.now;
    this.born = this.now();
    this.current = Math.max(1, Math.min(o.start, o.ceiling));
    this.timeline.push({ atMs: 0, limit: this.current, reason: o.adaptive ? `start (adaptive, at most ${o.ceiling})` : 'fixed' });
  }

  get limit(): number {
    return this.current;
  }

  /** Cuts stop at half the start: fewer requests rarely help a server, and the rate governor paces the requests themselves. */
  private get floor(): number {
    return Math.ceil(this.timeline[0]!.limit / 2);
  }

  state(): ConcurrencyState {
    return { adaptive: this.o.adaptive, start: this.timeline[0]!.limit, ceiling: this.o.ceiling, limit: this.current, timeline: [...this.timeline] };
  }

  /**
   * A request answered after `latencyMs` (its successful attempt), with `inFlight` requests out when
   * it started; `room`: the rate-limit headers leave room for more requests (true when there are none).
   * `demand`, as the reply came: requests ready but not sent (waiting for a slot or behind a shape
   * probe), and the other requests out (made and not answered; unknown when not given).
   */
  answered(stage: string, latencyMs: number, inFlight: number, room: boolean, demand: { waiting: number; othersOut?: number } = { waiting: 0 }): void {
    if (!this.o.adaptive) return;
    const base = this.baseline.get(stage);
    const ms = Math.max(0, latencyMs);
    if (base === undefined || ms < base) this.baseline.set(stage, ms);
    // Differences of a few milliseconds (a local server, a busy event loop) are no congestion.
    this.round.push((ms + NOISE_MS) / (Math.min(base ?? ms, ms) + NOISE_MS));
    this.busiest = Math.max(this.busiest, inFlight);
    if (demand.waiting > 0) this.waited = true;
    // The last request out came back and others wait behind it (a shape probe): that was a round trip.
    const alone = demand.othersOut === 0 && demand.waiting > 0;
    if (this.round.length < this.current && !alone) return;
    const gradient = median(this.round);
    // A round closed early by a lone reply may show room, never congestion: one reply is no median.
    if (this.round.length < this.current && gradient > FLAT) return;
    const used = this.busiest >= this.current - 1 || this.waited;
    const seen = Math.max(this.timeline[0]!.limit, this.busiest + 1);
    this.round = [];
    this.busiest = 0;
    this.waited = false;
    this.rounds++;
    if (gradient > RISING) {
      this.slowStart = false;
      this.set(Math.max(this.floor, Math.floor(this.current * MOST_CUT), Math.floor(this.current / gradient)), `latency ${gradient.toFixed(1)}x the fastest`);
    } else if (gradient <= FLAT && used && room) {
      this.set(this.slowStart ? Math.max(this.current, Math.min(this.current * 2, seen * 2)) : this.current + 1, 'latency flat');
    }
  }

  /** The endpoint is overloaded or rate-limiting (429, 5xx): fewer requests at once, once per round. */
  overloaded(reason: string): void {
    if (!this.o.adaptive || this.overloadRound === this.rounds) return;
    this.overloadRound = this.rounds;
    this.slowStart = false;
    this.round = [];
    this.busiest = 0;
    this.waited = false;
    this.set(Math.max(this.floor, Math.floor(this.current * OVERLOAD_CUT)), reason);
  }

  private set(limit: number, reason: string): void {
    const next = Math.max(1, Math.min(this.o.ceiling, limit));
    if (next === this.current) return;
    const lowered = next < this.current;
    this.current = next;
    const change = { atMs: this.now() - this.born, limit: next, reason };
    this.timeline.push(change);
    if (this.timeline.length > TIMELINE_MAX) this.timeline.splice(1, 1);
    this.apply(next, change, lowered);
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
