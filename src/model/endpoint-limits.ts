import { estimateMessagesTokens } from './estimate.js';
import type { ChatMessage, EndpointLimits } from './types.js';

/** Margin kept on token counts so that a packed prompt really fits (server tokenizers differ). */
export const TOKEN_MARGIN = 1.08;
/** Margin of the check made before sending. */
const PRESEND_MARGIN = 1.03;
/** Two completion counts this close are the same count (servers cut at exactly their cap). */
const SAME_COUNT = 1;
/** Cut replies remembered, to find two at the same count. */
const MAX_CUTS = 64;

type Source = NonNullable<EndpointLimits['contextSource']>;

export interface LimitsSnapshot extends EndpointLimits {
  /** Server tokens per litrev-estimated token, measured from the usage replies reported. */
  tokenRatio: number;
}

/**
 * What is known of one endpoint + model's limits: the context window and the output cap (configured,
 * published or learned), and the ratio between litrev's token estimate and the server's count.
 */
export class LimitsTracker {
  private window: number | null;
  private windowSource: Source | null;
  private outputCap: number | null;
  private outputSource: Source | null;
  private estimated = 0;
  private reported = 0;
  private ratio: number;
  /** Completion counts of replies cut at a count nothing explained yet. */
  private readonly cuts: number[] = [];
  /** The longest reply seen complete (finish_reason stop): no cap is below it. */
  private longestComplete = 0;

  constructor(
    known: Partial<LimitsSnapshot>,
    private readonly onLearned: (limits: LimitsSnapshot, why: string) => void,
    private readonly writeLimits: (limits: LimitsSnapshot) => void = () => undefined,
  ) {
    this.window = known.contextWindow ?? null;
    this.windowSource = known.contextSource ?? null;
    this.outputCap = known.maxOutputTokens ?? null;
    this.outputSource = known.outputSource ?? null;
    this.ratio = known.tokenRatio ?? 1;
  }

  limits(): EndpointLimits {
    return { contextWindow: this.window, contextSource: this.windowSource, maxOutputTokens: this.outputCap, outputSource: this.outputSource };
  }

  snapshot(): LimitsSnapshot {
    return { ...this.limits(), tokenRatio: Math.round(this.ratio * 1000) / 1000 };
  }

  /** The server's count of a prompt litrev estimated at `estimatedTokens` (calibrated, no margin). */
  calibrated(estimatedTokens: number): number {
    return Math.ceil(estimatedTokens * this.ratio);
  }

  /** What packing should count: the calibrated estimate with a margin. */
  countTokens(messages: readonly ChatMessage[]): number {
    return packedCount(messages, this.ratio);
  }

  /**
   * countTokens with the calibration as it stands now: replies that arrive later do not change what
   * this counter says (packing decisions that must not depend on the order replies come back in).
   */
  counter(): (messages: readonly ChatMessage[]) => number {
    const ratio = this.ratio;
    return (messages) => packedCount(messages, ratio);
  }

  /**
   * Whether a prompt of `promptTokens` (calibrated) asking for `maxOutput` will not fit the known
   * window: refused before sending, with a small margin for the tokenizer's error (a prompt packed
   * with countTokens() is well inside it).
   */
  overflows(promptTokens: number, maxOutput: number | undefined): boolean {
    return this.window !== null && promptTokens * PRESEND_MARGIN + (maxOutput ?? 0) > this.window;
  }

  /** A window published by the server (vLLM, llama.cpp, LM Studio, Ollama); config wins. */
  published(window: number): void {
    if (this.windowSource === 'config' || this.windowSource === 'learned') return;
    if (this.window === window && this.windowSource === 'published') return;
    this.window = window;
    this.windowSource = 'published';
    this.onLearned(this.snapshot(), `the server publishes a context window of ${window} tokens`);
  }

  /** The window an endpoint revealed (a 400, or a silent truncation); only ever tightens. */
  learnWindow(window: number, why: string): void {
    if (this.window !== null && window >= this.window) return;
    this.window = window;
    this.windowSource = 'learned';
    this.onLearned(this.snapshot(), why);
  }

  /** The output cap an endpoint revealed (consistent finish_reason length replies, or a 400); only ever tightens. */
  learnOutputCap(cap: number, why: string): void {
    if (cap <= 0 || (this.outputCap !== null && cap >= this.outputCap)) return;
    this.outputCap = cap;
    this.outputSource = this.outputSource === 'config' ? 'config' : 'learned';
    this.onLearned(this.snapshot(), why);
  }

  /**
   * A reply stopped with finish_reason `length` after `completionTokens`, `asked` being the limit the
   * request set. `asked`: it reached that limit (it needed more room); `cap`: it stopped where the
   * endpoint's output cap is known to be, or where an earlier cut reply stopped too (two cuts at the
   * same count are a cap: it is learned, unless a reply was seen complete beyond it; three where
   * other cuts fell elsewhere); `isolated`: a cut
   * at a count nothing explains (a model that loops, a flaky proxy), a transient fault to ask again
   * about, never a cap.
   */
  lengthFinish(completionTokens: number, asked: number | undefined): 'asked' | 'cap' | 'isolated' {
    const c = completionTokens;
    if (asked !== undefined && c >= asked - SAME_COUNT) return 'asked';
    if (this.outputCap !== null && Math.abs(c - this.outputCap) <= SAME_COUNT) return 'cap';
    const twins = this.cuts.filter((earlier) => Math.abs(earlier - c) <= SAME_COUNT);
    // Two random cuts can fall at one count: where replies were also cut at other counts (a model that loops, a flaky
    // proxy), a cap takes a third at that count; a reply seen complete beyond the count shows it is none.
    const needed = twins.length < this.cuts.length ? 2 : 1;
    if (twins.length < needed || this.longestComplete > c + SAME_COUNT) {
      this.cuts.push(c);
      if (this.cuts.length > MAX_CUTS) this.cuts.shift();
      return 'isolated';
    }
    const twin = Math.min(...twins);
    this.learnOutputCap(Math.min(twin, c), `replies stop at ${Math.min(twin, c)} completion tokens (finish_reason: length, ${twins.length + 1} times at that count)`);
    return 'cap';
  }

  /** A complete reply (finish_reason stop) of `completionTokens`: a learned output cap it passes was wrong. */
  completedReply(completionTokens: number): void {
    this.longestComplete = Math.max(this.longestComplete, completionTokens);
    if (this.outputSource !== 'learned' || this.outputCap === null || completionTokens <= this.outputCap + SAME_COUNT) return;
    this.outputCap = null;
    this.outputSource = null;
    this.writeLimits(this.snapshot());
  }

  /** A reply judged to have read its whole prompt: its reported count calibrates the estimate. */
  calibrate(estimatedTokens: number, reportedPromptTokens: number): void {
    if (estimatedTokens < 50) return;
    this.estimated += estimatedTokens;
    this.reported += reportedPromptTokens;
    this.ratio = Math.min(4, Math.max(0.25, this.reported / this.estimated));
  }

  /** A prompt was cut after `reportedPromptTokens`: the server counts more than that for it, so the ratio is at least their quotient. */
  atLeast(estimatedTokens: number, reportedPromptTokens: number): void {
    if (estimatedTokens < 50) return;
    const bound = Math.min(4, reportedPromptTokens / estimatedTokens);
    if (bound <= this.ratio) return;
    this.ratio = bound;
    this.reported = this.estimated * bound;
  }

  /** Server tokens per estimated token, as calibrated so far (1 before any reply). */
  ratioNow(): number {
    return this.ratio;
  }
}

/** Prompt tokens as packing counts them: litrev's estimate, calibrated by `ratio`, with TOKEN_MARGIN. */
function packedCount(messages: readonly ChatMessage[], ratio: number): number {
  return Math.ceil(Math.ceil(estimateMessagesTokens(messages) * ratio) * TOKEN_MARGIN);
}
