import type { LimitsTracker } from './endpoint-limits.js';

/** What a reply's usage said about the prompt that was sent. */
export interface PromptReading {
  /** litrev's estimate of the prompt (uncalibrated). */
  estimated: number;
  /** The prompt tokens the server reported. */
  reported: number;
  /** The output limit the request set, if any (a truncating server keeps the window minus it). */
  maxOut: number | undefined;
}

export type TruncationVerdict = { truncated: false } | { truncated: true; window: number; why: string };

/** Below this many server tokens a prompt fits any chat model served today: never truncated. */
const SAFE_TOKENS = 1024;
/** Far below the calibrated count: no tokenizer, on no kind of text, differs from the estimate by half. */
const HALF = 0.5;
/** The most server tokens any tokenizer counts per estimated token (real ones: 0.7 to 1.3). */
const MOST_TOKENS = 1.6;
/** Two reported counts this close are the same count (a ceiling is exact). */
const SAME_COUNT = 1;
/**
 * Prompts reporting the same count that make a ceiling: two while the window is unknown (a first wave
 * of cut prompts shows it at once), three against a window already known. A ceiling below a known
 * window contradicts it, and two can be a coincidence: batches of one stage are of similar sizes, and
 * among the 16 replies of a first wave two of the largest fall within a token of each other often
 * enough (a review under a configured 3,600-token window learned a false 1,833-token window from two).
 */
const CEILING_PROMPTS = { windowUnknown: 2, windowKnown: 3 };
/** Two prompts whose estimates differ by this much are different prompts. */
const DIFFERENT_PROMPTS = 1.02;
/** Readings kept to find a ceiling. */
const MAX_READINGS = 256;
/**
 * A prompt is shown to fit when its count, at the highest ratio of server tokens per estimated token
 * among prompts read whole, plus this much, is within a count the server reported: the spread of
 * the ratio between prompts beyond what the readings show.
 */
const RATIO_SPREAD = 1.02;

/**
 * Whether a server read the whole prompt, judged from the prompt tokens its replies report, with a
 * tokenizer that is not litrev's (real ones count 10 to 30% more or fewer tokens than the estimate,
 * and the ratio moves by as much from one kind of prompt to another, so no ratio alone can tell).
 * Evidence that a prompt was cut (Ollama keeps the end of a prompt longer than its window, silently):
 * - a ceiling: the same count reported for prompts of clearly different sizes (two, or three against a
 *   window already known), and nothing above it;
 * - the count reached the window the server publishes (Ollama's /api/ps) or that was learned;
 * - a count under half the calibrated estimate.
 * Evidence that it was not: a count under SAFE_TOKENS, above what any tokenizer counts, below a known
 * window, or below a count another reply reported. A large reply that nothing can judge yet (the first
 * replies of a run, while the window is unknown) waits while other requests may still bring a reading;
 * a shape probe lets the requests waiting for it go first: a first wave of cut prompts shows its
 * ceiling before any of its replies is used. Only replies judged whole calibrate the token count.
 */
export class TruncationJudge {
  private readonly readings: PromptReading[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    private readonly limits: LimitsTracker,
    /**
     * Requests in progress now that may still bring a reading or end (sent, or on their way to be sent:
     * not those held back by a gate), this one and those waiting here for a verdict included.
     */
    private readonly inProgress: () => number,
    /** Hears each new reading (what readsWhole says may have changed). */
    private readonly onReading: () => void = () => undefined,
  ) {}

  /**
   * Whether what is known shows that a prompt of `estimated` tokens (litrev's estimate) asking for
   * `maxOut` is read whole. Every count a server reports is at most what its window keeps, cut or
   * not, so the room for a prompt is at least the largest count reported (less the output this
   * request asks for beyond that reading's: a server may keep its window minus the output), or the
   * known window less the output. The prompt's count is taken at the highest ratio of server tokens
   * per estimated token among prompts shown whole (a clearly larger count was reported beside
   * theirs, or theirs is below a known window), and at MOST_TOKENS while none is: one reading alone
   * cannot tell a whole prompt from a cut one.
   */
  readsWhole(estimated: number, maxOut: number | undefined): boolean {
    // Too small for any window: SAFE_TOKENS at the most tokens any tokenizer counts.
    if (estimated * MOST_TOKENS < SAFE_TOKENS) return true;
    const out = maxOut ?? 0;
    const window = this.limits.limits().contextWindow;
    let room = window === null ? 0 : window - out;
    let ratio = 0;
    for (const o of this.readings) {
      room = Math.max(room, o.reported - Math.max(0, out - (o.maxOut ?? 0)));
      if (this.shownWhole(o, window)) ratio = Math.max(ratio, o.reported / o.estimated);
    }
    return estimated * (ratio > 0 ? ratio * RATIO_SPREAD : MOST_TOKENS) <= room;
  }

  /**
   * A reading that was no ceiling: its count and its count plus output are clearly below another
   * reading's (a cut prompt's count is the most the window keeps, give or take a few tokens of
   * framing), or below a known window.
   */
  private shownWhole(o: PromptReading, window: number | null): boolean {
    const room = o.reported + (o.maxOut ?? 0);
    if (window !== null && room < window - SAME_COUNT) return true;
    return this.readings.some((q) => q.reported >= o.reported * DIFFERENT_PROMPTS && q.reported + (q.maxOut ?? 0) >= room * DIFFERENT_PROMPTS);
  }

  /**
   * Judge a reply's prompt reading. A verdict only more replies can give waits while other requests
   * may still bring one. `hold`: this reply holds other requests back (a shape probe): when nothing
   * else would come, it lets them go (true when it did) and the verdict waits for their replies.
   */
  async judge(r: PromptReading, hold?: () => boolean): Promise<TruncationVerdict> {
    if (r.reported >= SAFE_TOKENS) {
      this.readings.push(r);
      if (this.readings.length > MAX_READINGS) this.readings.shift();
      this.wake();
      this.onReading();
    }
    let verdict = this.decide(r);
    while (verdict === 'unknown') {
      if (!this.othersComing()) {
        if (!hold?.()) break;
        hold = undefined;
        // The requests let go start on their way (they leave the gate that held them) before anyone counts them.
        await new Promise((resolve) => setImmediate(resolve));
      } else await new Promise<void>((resolve) => this.waiters.push(resolve));
      verdict = this.decide(r);
    }
    if (verdict === 'unknown' || !verdict.truncated) {
      this.limits.calibrate(r.estimated, r.reported);
      return { truncated: false };
    }
    // The server counted more than it kept: what it kept bounds the calibration from below.
    this.limits.atLeast(r.estimated, r.reported);
    return verdict;
  }

  /** Whether requests besides this one and those waiting here for a verdict may still bring a reading. */
  private othersComing(): boolean {
    return this.inProgress() - 1 - this.waiters.length > 0;
  }

  /** Something changed (a reply arrived, a request ended): waiting replies look again. */
  wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  /** What the evidence says now; `unknown` when only more replies can tell. */
  private decide(r: PromptReading): TruncationVerdict | 'unknown' {
    const expected = r.estimated * this.limits.ratioNow();
    if (expected >= 200 && r.reported < expected * HALF) return this.cut(r, `the server read only ${r.reported} of about ${Math.round(expected)} prompt tokens`);
    if (r.reported < SAFE_TOKENS || r.reported > r.estimated * MOST_TOKENS) return { truncated: false };
    const ceiling = this.ceiling(r);
    if (ceiling) return ceiling;
    const kept = this.limits.limits().contextWindow;
    const keeps = kept === null ? null : kept - (r.maxOut ?? 0);
    if (keeps !== null && r.reported >= keeps - SAME_COUNT) return this.cut(r, `the server reported ${r.reported} prompt tokens, all of its context window`);
    if (keeps !== null) return { truncated: false };
    // Another prompt was counted larger: this count is no ceiling.
    if (this.readings.some((o) => o.maxOut === r.maxOut && o.reported > r.reported + SAME_COUNT)) return { truncated: false };
    return 'unknown';
  }

  /** The same count reported for prompts of clearly different sizes, and no larger count: a ceiling. */
  private ceiling(r: PromptReading): TruncationVerdict | null {
    const same = this.readings.filter((o) => o.maxOut === r.maxOut && Math.abs(o.reported - r.reported) <= SAME_COUNT);
    if (same.length < (this.limits.limits().contextWindow === null ? CEILING_PROMPTS.windowUnknown : CEILING_PROMPTS.windowKnown)) return null;
    const sizes = same.map((o) => o.estimated);
    if (Math.max(...sizes) / Math.min(...sizes) < DIFFERENT_PROMPTS) return null;
    if (this.readings.some((o) => o.maxOut === r.maxOut && o.reported > r.reported + SAME_COUNT)) return null;
    return this.cut(r, `the server reported ${r.reported} prompt tokens for ${same.length} prompts of different sizes`);
  }

  private cut(r: PromptReading, evidence: string): TruncationVerdict {
    const window = r.reported + (r.maxOut ?? 0);
    return { truncated: true, window, why: `${evidence}: it keeps only the end of a longer prompt (it truncates silently)` };
  }
}
