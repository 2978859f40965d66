import { estimateMessagesTokens } from './estimate.js';
import type { LimitsTracker } from './endpoint-limits.js';
import type { ChatMessage } from './types.js';

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
/** A reported/estimated ratio this far below the calibrated one means part of the prompt was not read. */
const RATIO_FALL = 0.88;
/** Far below: no tokenizer differs from the estimate by half (the rule that needs no calibration). */
const HALF = 0.5;
/** The most server tokens any tokenizer counts per estimated token (real ones: 0.7 to 1.3). */
const MOST_TOKENS = 1.6;
/** Two reported counts this close are the same count (a ceiling is exact). */
const SAME_COUNT = 1;
/** Two prompts whose estimates differ by this much are different prompts. */
const DIFFERENT_PROMPTS = 1.02;
/** The size of the calibration request's prompt, in litrev's estimate. */
const PROBE_TOKENS = 800;
/** A prompt at least this large (estimate) calibrates well enough to judge by: a chat template's own tokens are a small part of it. */
const TRUSTED_MIN = 400;
/** Readings kept to find a ceiling. */
const MAX_READINGS = 256;

/**
 * Whether a server read the whole prompt, judged from the prompt tokens its replies report, with a
 * tokenizer that is not litrev's (real ones count 10 to 30% more or fewer tokens than the estimate).
 * Evidence that a prompt was cut (Ollama keeps the tail of a prompt longer than its window, silently):
 * - a ceiling: the same count reported for prompts of different sizes, and nothing above it;
 * - the reply reached the window the server publishes (Ollama's /api/ps) or that was learned;
 * - a reported/estimated ratio far below the calibration (from prompts too small to be cut).
 * A large reply that none of these can judge yet waits for a calibration: one small request (the
 * start of the same prompt, one token of output) whose count gives the ratio. Only replies judged
 * whole calibrate the token count.
 */
export class TruncationJudge {
  private readonly readings: PromptReading[] = [];
  /** `trusted`: the ratio was measured on prompts too small to be cut; `unavailable`: the server reports no count to measure it. */
  private calibrated: 'no' | 'trusted' | 'unavailable';
  private calibration: Promise<void> | null = null;

  constructor(
    private readonly limits: LimitsTracker,
    /** Send a small request with these messages; the prompt tokens it reports, null when it reports none. */
    private readonly probe: (messages: ChatMessage[]) => Promise<number | null>,
    /** A calibration remembered from earlier runs is trusted. */
    trusted = false,
  ) {
    this.calibrated = trusted ? 'trusted' : 'no';
  }

  /** Judge a reply's prompt reading; `messages` are the prompt sent (for the calibration request). */
  async judge(r: PromptReading, messages: readonly ChatMessage[]): Promise<TruncationVerdict> {
    if (r.reported >= SAFE_TOKENS) {
      this.readings.push(r);
      if (this.readings.length > MAX_READINGS) this.readings.shift();
    }
    let verdict = this.decide(r);
    if (verdict === 'unknown') {
      await this.calibrate(messages);
      verdict = this.decide(r);
    }
    if (verdict === 'unknown' || !verdict.truncated) {
      this.limits.calibrate(r.estimated, r.reported);
      if (r.reported < SAFE_TOKENS && r.estimated >= TRUSTED_MIN && this.calibrated === 'no') this.calibrated = 'trusted';
      return { truncated: false };
    }
    return verdict;
  }

  /** What the evidence says now; `unknown` when only a calibration can tell. */
  private decide(r: PromptReading): TruncationVerdict | 'unknown' {
    const expected = r.estimated * this.limits.ratioNow();
    const kept = (window: number) => window - (r.maxOut ?? 0);
    if (expected >= 200 && r.reported < expected * HALF) return this.cut(r, `the server read only ${r.reported} of about ${Math.round(expected)} prompt tokens`);
    // More than any tokenizer counts of the estimate: the server read it all.
    if (r.reported < SAFE_TOKENS || r.reported > r.estimated * MOST_TOKENS) return { truncated: false };
    const ceiling = this.ceiling(r);
    if (ceiling) return ceiling;
    const window = this.limits.limits().contextWindow;
    if (window !== null && r.reported >= kept(window) - SAME_COUNT) {
      return this.cut(r, `the server reported ${r.reported} prompt tokens, all of its context window`);
    }
    if (this.calibrated === 'unavailable') return { truncated: false };
    if (this.calibrated === 'trusted') {
      if (r.reported < expected * RATIO_FALL) return this.cut(r, `the server read only ${r.reported} of about ${Math.round(expected)} prompt tokens`);
      return { truncated: false };
    }
    if (window !== null && r.reported < kept(window) * 0.95) return { truncated: false };
    return 'unknown';
  }

  /** The same count reported for prompts of clearly different sizes, and no larger count since: a ceiling. */
  private ceiling(r: PromptReading): TruncationVerdict | null {
    const same = this.readings.filter((o) => o.maxOut === r.maxOut && Math.abs(o.reported - r.reported) <= SAME_COUNT);
    const sizes = same.map((o) => o.estimated);
    const spread = Math.max(...sizes) / Math.min(...sizes);
    if (same.length < 2 || spread < DIFFERENT_PROMPTS) return null;
    if (this.readings.some((o) => o.maxOut === r.maxOut && o.reported > r.reported + SAME_COUNT)) return null;
    const ratio = this.limits.ratioNow();
    const about = (e: number) => Math.round(e * ratio);
    return this.cut(r, `the server reported ${r.reported} prompt tokens for ${same.length} prompts of about ${about(Math.min(...sizes))} to ${about(Math.max(...sizes))} tokens`);
  }

  private cut(r: PromptReading, evidence: string): TruncationVerdict {
    const window = r.reported + (r.maxOut ?? 0);
    return { truncated: true, window, why: `${evidence}: it keeps only the end of a longer prompt (it truncates silently)` };
  }

  /** One calibration request at a time, and only until one succeeded or failed. */
  private calibrate(messages: readonly ChatMessage[]): Promise<void> {
    this.calibration ??= (async () => {
      const sample = headOf(messages, PROBE_TOKENS);
      const reported = await this.probe(sample).catch(() => null);
      if (reported !== null && reported > 0) {
        this.limits.calibrate(estimateMessagesTokens(sample), reported);
        this.calibrated = 'trusted';
      } else {
        // Without a count the replies cannot be judged by their ratio: only a ceiling or a known window tells.
        this.calibrated = 'unavailable';
      }
    })();
    return this.calibration;
  }
}

/** The start of a prompt, about `tokens` of litrev's estimate: whole messages, then part of the next. */
export function headOf(messages: readonly ChatMessage[], tokens: number): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const m of messages) {
    const left = tokens - estimateMessagesTokens(out);
    if (left <= 8) break;
    const whole = estimateMessagesTokens([...out, m]) - estimateMessagesTokens(out);
    if (whole <= left) {
      out.push(m);
      continue;
    }
    const chars = Math.max(1, Math.floor((m.content.length * left) / whole));
    out.push({ role: m.role, content: m.content.slice(0, chars) });
    break;
  }
  return out;
}
