import { estimateMessagesTokens } from './estimate.js';
import type { ChatMessage, EndpointLimits } from './types.js';

/** Margin kept on token counts so that a packed prompt really fits (server tokenizers differ). */
export const TOKEN_MARGIN = 1.08;
/** Margin of the check made before sending. */
const PRESEND_MARGIN = 1.03;
/** A reply whose reported prompt is below this fraction of what was sent saw a truncated prompt. */
const TRUNCATION_RATIO = 0.5;
/** Prompts smaller than this are never judged truncated (per-message overheads dominate). */
const TRUNCATION_MIN_TOKENS = 200;

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

  constructor(
    known: Partial<LimitsSnapshot>,
    private readonly onLearned: (limits: LimitsSnapshot, why: string) => void,
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

  /** The output cap an endpoint revealed (finish_reason length below the asked limit, or a 400); only ever tightens. */
  learnOutputCap(cap: number, why: string): void {
    if (cap <= 0 || (this.outputCap !== null && cap >= this.outputCap)) return;
    this.outputCap = cap;
    this.outputSource = this.outputSource === 'config' ? 'config' : 'learned';
    this.onLearned(this.snapshot(), why);
  }

  /**
   * A reply's usage for a prompt litrev estimated at `estimatedTokens`: true when the server saw far
   * fewer tokens than were sent (it kept only part of the prompt); otherwise the count calibrates.
   */
  truncated(estimatedTokens: number, reportedPromptTokens: number): boolean {
    const expected = estimatedTokens * this.ratio;
    if (expected >= TRUNCATION_MIN_TOKENS && reportedPromptTokens < expected * TRUNCATION_RATIO) return true;
    if (estimatedTokens >= 50) {
      this.estimated += estimatedTokens;
      this.reported += reportedPromptTokens;
      this.ratio = Math.min(4, Math.max(0.25, this.reported / this.estimated));
    }
    return false;
  }
}

/** Prompt tokens as packing counts them: litrev's estimate, calibrated by `ratio`, with TOKEN_MARGIN. */
function packedCount(messages: readonly ChatMessage[], ratio: number): number {
  return Math.ceil(Math.ceil(estimateMessagesTokens(messages) * ratio) * TOKEN_MARGIN);
}
