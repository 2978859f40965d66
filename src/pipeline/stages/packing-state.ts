import type { ChatMessage, EndpointLimits, ModelGateway } from '../../model/types.js';
import { formatTokens } from '../../prompts/context-budget.js';

/** Completion tokens per item assumed for a stage until its replies are measured (conservative). */
const OUTPUT_PRIOR: Record<string, number> = { classify: 400, screen: 60, assign: 30 };
const DEFAULT_PRIOR = 200;
/** The completion tokens per item a stage's batches are sized with before any reply is measured. */
export function outputPrior(stage: string): number {
  return OUTPUT_PRIOR[stage] ?? DEFAULT_PRIOR;
}

/** Measured output per item is raised by this much: batches differ, and a cut reply costs a request. */
const OUTPUT_SLACK = 1.25;

/**
 * What the model stages of one run learn about fitting prompts and replies into the endpoint's
 * limits: completion tokens per item measured per stage, the output cap shown by cut-off replies
 * (when the model layer does not know one), and which limit warnings were already given.
 *
 * What replies teach in passing (the output per item, the calibration of the token count) is taken
 * up by packing only when a stage starts (`settle`), when no request is out: within a stage the
 * batches, chunks and parts are then the same whatever order its replies come back in. What the
 * endpoint refuses (a window, an output cap) applies at once.
 */
export class PackingState {
  private readonly output = new Map<string, { tokens: number; items: number }>();
  private settledOutput = new Map<string, number>();
  private count: (messages: ChatMessage[]) => number;
  private truncatedAt: number | null = null;
  private readonly announced = new Set<string>();
  /** Limits the model layer already announced as it learned them. */
  private readonly saidByModel = new Set<string>();

  constructor(private readonly gateway: ModelGateway) {
    this.count = gateway.tokenCounter();
    gateway.onEvent?.((event) => {
      if (event.type !== 'limits-learned') return;
      if (event.limits.contextWindow !== null) this.saidByModel.add(`window:${event.limits.contextWindow}`);
      if (event.limits.maxOutputTokens !== null) this.saidByModel.add(`cap:${event.limits.maxOutputTokens}`);
    });
  }

  /** The endpoint's limits as the model layer knows them, tightened by what replies showed here. */
  limits(): EndpointLimits {
    const known = this.gateway.limits();
    if (this.truncatedAt === null || (known.maxOutputTokens !== null && known.maxOutputTokens <= this.truncatedAt)) return known;
    return { ...known, maxOutputTokens: this.truncatedAt, outputSource: 'learned' };
  }

  /** A reply of `items` items took `completionTokens`. */
  recordOutput(stage: string, completionTokens: number, items: number): void {
    if (items <= 0 || completionTokens <= 0) return;
    const m = this.output.get(stage) ?? { tokens: 0, items: 0 };
    m.tokens += completionTokens;
    m.items += items;
    this.output.set(stage, m);
  }

  /** A reply was cut off at the output cap after `completionTokens`. */
  recordTruncated(completionTokens: number): void {
    if (completionTokens <= 0) return;
    this.truncatedAt = this.truncatedAt === null ? completionTokens : Math.min(this.truncatedAt, completionTokens);
  }

  /** A stage starts (no request is out): packing takes up what the replies so far taught. */
  settle(): void {
    this.count = this.gateway.tokenCounter();
    this.settledOutput = new Map([...this.output.keys()].map((stage) => [stage, this.outputPerItem(stage, 'live')]));
  }

  /**
   * Ask for the window the endpoint publishes (the model layer gives it a few seconds at most) before
   * batches are formed that no ledger records: formed with it, they are not cut down as replies come
   * in. A stage whose batches are all recorded asks nothing (a re-run from the cache contacts no one).
   */
  discoverLimits(): Promise<void> {
    return this.gateway.discoverLimits();
  }

  /** Prompt tokens as packing counts them: the gateway's calibrated count, as of the last `settle`. */
  countTokens(messages: ChatMessage[]): number {
    return this.count(messages);
  }

  /**
   * Completion tokens one item of this stage is expected to take: as of the last `settle`, or (`live`,
   * for a batch packed again after the endpoint refused it) with every reply measured so far.
   */
  outputPerItem(stage: string, when: 'settled' | 'live' = 'settled'): number {
    if (when === 'settled') return this.settledOutput.get(stage) ?? outputPrior(stage);
    const m = this.output.get(stage);
    if (!m || m.items === 0) return outputPrior(stage);
    return Math.max(8, Math.ceil((m.tokens / m.items) * OUTPUT_SLACK));
  }

  /**
   * Say once per run and limit what the limits do to the batches, with the fix. Returns the
   * message when it is new (the caller warns), null when it was already said. A limit the model
   * layer announced when it learned it is not explained again: only the batch size is added.
   */
  announce(stage: string, limits: EndpointLimits, batchSize: number, unit = 'papers'): string | null {
    const keys = [limits.contextWindow === null ? null : `window:${limits.contextWindow}`, limits.maxOutputTokens === null ? null : `cap:${limits.maxOutputTokens}`].filter(
      (k): k is string => k !== null,
    );
    if (keys.length === 0 || keys.every((k) => this.announced.has(k))) return null;
    for (const k of keys) this.announced.add(k);
    const batches = `${stage} batches of ${batchSize} ${batchSize === 1 ? unit.replace(/s$/, '') : unit}`;
    const window = limits.contextWindow === null ? null : `${formatTokens(limits.contextWindow)} tokens`;
    const cap = limits.maxOutputTokens === null ? null : `${formatTokens(limits.maxOutputTokens)} tokens`;
    if (keys.every((k) => this.saidByModel.has(k))) {
      const what = [window && `a context window of ${window}`, cap && `replies capped at ${cap}`].filter(Boolean).join(' and ');
      return `${batches} to fit ${what}`;
    }
    const parts: string[] = [];
    if (window) parts.push(`the model's context window is ${window}${sourceNote(limits.contextSource)}`);
    if (cap) parts.push(`its replies are capped at ${cap}${sourceNote(limits.outputSource)}`);
    const fix = window
      ? 'for Ollama raise it with OLLAMA_CONTEXT_LENGTH or num_ctx, for vLLM with --max-model-len, for llama.cpp with --ctx-size; set LITREV_CONTEXT_WINDOW if litrev guessed wrong'
      : 'raise the cap on the server or set LITREV_MAX_TOKENS';
    return `${parts.join(', ')}: ${batches}; ${fix}`;
  }
}

function sourceNote(source: EndpointLimits['contextSource']): string {
  if (source === 'learned') return ' (learned from its replies)';
  if (source === 'published') return ' (published by the server)';
  if (source === 'config') return ' (configured)';
  return '';
}
