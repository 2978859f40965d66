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
 * replies of a run, while the window is unknown) waits for the next reply or until no other request is
 * out: a first wave of cut prompts shows its ceiling before any of its replies is used. Only replies
 * judged whole calibrate the token count.
 */
export class TruncationJudge {
  private readonly readings: PromptReading[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    private readonly limits: LimitsTracker,
    /** Whether other requests are out now (more evidence may come). */
    private readonly othersOut: () => boolean,
  ) {}

  /** Judge a reply's prompt reading. */
  async judge(r: PromptReading): Promise<TruncationVerdict> {
    if (r.reported >= SAFE_TOKENS) {
      this.readings.push(r);
      if (this.readings.length > MAX_READINGS) this.readings.shift();
      this.wake();
    }
    let verdict = this.decide(r);
    while (verdict === 'unknown' && this.othersOut()) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
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
