import type { CacheEntry, ChatReply, EntryUsage } from '../cache/cache-entry.js';
import { CACHE_FORMAT_VERSION } from '../cache/cache-key.js';
import type { AccountingTracker } from './accounting.js';
import type { LimitsTracker } from './endpoint-limits.js';
import { estimateCostUSD, estimateMessagesTokens, estimateTokens } from './estimate.js';
import { ContextOverflowError, ModelRequestError } from './model-errors.js';
import type { Negotiator } from './negotiate.js';
import type { ShapedBody } from './replay-shape.js';
import { RequestRejectedError, sendWithRetries, type RunnerContext, type Sent } from './request-runner.js';
import { ShapeChanged, shapeSignature, type RequestParams, type ShapeKind } from './request-shape.js';
import type { Fetched } from './response-cache.js';
import type { StreamFallback } from './stream-fallback.js';
import type { ChatResponse, Transport } from './transport.js';
import type { TruncationJudge } from './truncation-judge.js';
import type { ModelEvent } from './types.js';
import type { UncertainPrompts } from './uncertain-prompts.js';

/** Output assumed for a request that sets no limit (pacing and the budget check). */
const DEFAULT_EXPECTED_OUTPUT = 512;
/** A reply too large to read or cut where no limit explains it is asked again this many times, then handled as a bad reply. */
export const CONTENT_RETRIES = 2;

export interface ChatContext {
  endpoint: string;
  model: string;
  runner: RunnerContext;
  accounting: AccountingTracker;
  limits: LimitsTracker;
  /** Whether a reply's prompt was read whole (silent truncation). */
  judge: TruncationJudge;
  /** How many prompts not shown to fit the window may be out at once (none with the Batch API). */
  uncertain?: UncertainPrompts;
  negotiator: Negotiator;
  streaming: StreamFallback;
  transport: () => Promise<Transport>;
  /** Read the limits the server publishes (once). */
  discover: () => Promise<void>;
  emit: (event: ModelEvent) => void;
}

export interface ChatAttempt {
  stage: string;
  kind: ShapeKind;
  shaped: ShapedBody;
  params: RequestParams;
  key: string;
  sample?: number;
  signal?: AbortSignal;
  onToken?: (delta: string) => void;
  parse?: (reply: ChatReply) => unknown;
  /** Whether a structured reply is JSON off the schema's shape at its top level (the schema never reached the model). */
  offSchema?: (reply: ChatReply) => boolean;
  /** The endpoint-health ticket taken when the caller made the request. */
  ticket?: number;
}

/**
 * A cache miss: send the request (the first of its kind probes the shape while others wait), then
 * check the reply against what was sent. Throws ShapeChanged when the request must be rebuilt,
 * ContextOverflowError when it does not fit (before sending when the window is known; after a 400;
 * or when the server silently kept only part of the prompt: that reply is discarded, never cached or
 * calibrated with). Content faults are asked again up to CONTENT_RETRIES times: a reply too large to
 * read, a reply cut (finish_reason length) at a count no limit explains.
 */
export async function fetchChat(ctx: ChatContext, a: ChatAttempt): Promise<Fetched> {
  await ctx.discover();
  const body = a.shaped.body;
  const estimated = estimateMessagesTokens(body.messages);
  const maxOut = (body.max_tokens ?? body.max_completion_tokens) as number | undefined;
  // A prompt not shown to fit probes with a companion: two prompt sizes in one round trip show a ceiling, or a ratio read whole.
  const companion = ctx.uncertain !== undefined && !ctx.judge.readsWhole(estimated, maxOut);
  const probe = ctx.negotiator.gate.claim(a.kind, shapeSignature(a.kind, body), companion);
  if (probe === 'busy') throw new ShapeChanged();
  let free = (): void => undefined;
  try {
    const promptTokens = ctx.limits.calibrated(estimated);
    if (ctx.limits.overflows(promptTokens, maxOut)) throw overflow(ctx, 'context', promptTokens, maxOut);
    if (ctx.uncertain) free = await ctx.uncertain.admit(() => ctx.judge.readsWhole(estimated, maxOut), a.signal);
    ctx.emit({ type: 'request-started', stage: a.stage, cacheKey: a.key });
    const expected = maxOut ?? DEFAULT_EXPECTED_OUTPUT;
    const maxBytes = 256 * 1024 + (maxOut ?? ctx.limits.limits().maxOutputTokens ?? 16_384) * 32;
    for (let faults = 0; ; faults++) {
      const again = faults < CONTENT_RETRIES;
      let sent;
      try {
        const transport = await ctx.transport();
        sent = await sendWithRetries(ctx.runner, a.stage, tokenDeduper(a.onToken, (onToken) => ctx.streaming.send(transport, body, maxBytes, onToken, a.signal)), {
          signal: a.signal,
          estimatedTokens: promptTokens + expected,
          estimatedCostUSD: estimateCostUSD(ctx.model, promptTokens, expected),
          ticket: a.ticket,
          // A window learned while this request waited for its slot (a silent truncation, a 400) is checked again.
          beforeSend: () => {
            // So is a request shape adapted meanwhile (another method, a parameter renamed): the request is rebuilt.
            if (!stillShaped(ctx, a)) throw new ShapeChanged();
            const now = ctx.limits.calibrated(estimated);
            if (ctx.limits.overflows(now, maxOut)) throw overflow(ctx, 'context', now, maxOut);
          },
        });
      } catch (err) {
        if (!(err instanceof RequestRejectedError)) throw err;
        if (again && oversized(err)) {
          // A reply too large to read was paid for: count it at the bound; a runaway reply is asked again.
          ctx.accounting.spent(ctx.model, { promptTokens, completionTokens: Math.ceil(maxBytes / 4) });
          contentFault(ctx, a.stage, faults, err.classification.message);
          continue;
        }
        return rejected(ctx, a, err, promptTokens, maxOut, maxBytes);
      }
      const { reply, usage, usageInvalid } = sent.value;
      if (usageInvalid) ctx.emit({ type: 'warning', message: `${ctx.endpoint} reported usage that is not non-negative integers: litrev counts its own estimate for that reply` });
      if (usage) {
        // A shape probe whose reply nothing can judge yet lets the requests waiting for the shape go (the endpoint took it): their replies judge it.
        const hold = probe && !a.offSchema?.(reply) ? () => (probe.confirm(), true) : undefined;
        const verdict = await ctx.judge.judge({ estimated, reported: usage.promptTokens, maxOut }, hold);
        if (verdict.truncated) {
          // The endpoint took the request's shape: the requests waiting for it go out, packed for the window learned.
          probe?.confirm();
          ctx.accounting.spent(ctx.model, usage);
          ctx.limits.learnWindow(verdict.window, verdict.why);
          throw overflow(ctx, 'context', promptTokens, maxOut, `${ctx.endpoint} silently kept only ${usage.promptTokens} of about ${Math.max(promptTokens, usage.promptTokens + 1)} prompt tokens; the reply is discarded`);
        }
      }
      // A reply cut where no limit explains it is asked again; two cut at the same count show the cap.
      const cut = reply.finishReason === 'length' && usage ? ctx.limits.lengthFinish(usage.completionTokens, maxOut) : null;
      if (cut === 'isolated' && again) {
        ctx.accounting.spent(ctx.model, usage!);
        contentFault(ctx, a.stage, faults, `the reply was cut off at ${usage!.completionTokens} completion tokens, where no known limit is (finish_reason: length)`);
        continue;
      }
      if (usage && reply.finishReason === 'stop') ctx.limits.completedReply(usage.completionTokens);
      if (a.offSchema?.(reply)) schemaIgnored(ctx, a, probe !== null, usage ?? { promptTokens, completionTokens: estimateTokens(reply.content) });
      return accepted(ctx, a, probe, sent, estimated, cut === 'isolated');
    }
  } finally {
    free();
    probe?.release();
  }
}

/** A reply that will be used: the shape is confirmed and the entry built (a reply cut for no known reason is not stored). */
function accepted(ctx: ChatContext, a: ChatAttempt, probe: { confirm: () => void } | null, sent: Sent<ChatResponse>, estimated: number, unexplainedCut: boolean): Fetched {
  const { reply, usage } = sent.value;
  const body = a.shaped.body;
  probe?.confirm();
  ctx.negotiator.succeeded(a.shaped.method);
  const entryUsage: EntryUsage = usage ?? { promptTokens: estimated, completionTokens: estimateTokens(reply.content + reply.toolCalls.map((c) => c.arguments).join('')), estimated: true };
  const entry: CacheEntry = {
    format: CACHE_FORMAT_VERSION,
    key: a.key,
    kind: 'chat',
    createdAt: new Date().toISOString(),
    stage: a.stage,
    request: { endpoint: ctx.endpoint, body, ...(a.sample ? { sample: a.sample } : {}) },
    reply,
    ...(a.parse ? { parsed: a.parse(reply) } : {}),
    usage: entryUsage,
    latencyMs: sent.latencyMs,
    attempts: sent.attempts,
  };
  const empty = reply.content.trim() === '' && reply.toolCalls.every((c) => c.arguments.trim() === '') && !reply.refusal;
  return { entry, store: !empty && !unexplainedCut };
}

/**
 * A json_schema reply off the schema's shape is evidence the endpoint ignores json_schema
 * (negotiate.ts). The probe's reply is not used: it is asked again, alone, with what is known then
 * (json_schema again after the first such reply, the next method after the second), so the wave
 * waiting behind the probe goes out in a method the endpoint holds its replies to. A reply to a
 * method another reply has just abandoned is asked again in the new one instead of being repaired.
 */
function schemaIgnored(ctx: ChatContext, a: ChatAttempt, probing: boolean, usage: { promptTokens: number; completionTokens: number }): void {
  const verdict = ctx.negotiator.schemaNotEnforced(a.shaped.method);
  if (verdict === 'ignored' || (verdict === 'counted' && !probing)) return;
  ctx.accounting.spent(ctx.model, usage);
  contentFault(ctx, a.stage, 0, 'the reply was JSON off the schema\'s shape: the endpoint may ignore json_schema');
  throw new ShapeChanged();
}

/** Whether the request is still built as the endpoint wants it now (its method and parameters). */
function stillShaped(ctx: ChatContext, a: ChatAttempt): boolean {
  const n = ctx.negotiator;
  if (a.kind === 'structured' && a.shaped.method !== null && n.method !== a.shaped.method) return false;
  return JSON.stringify(n.params) === JSON.stringify(a.params);
}

/** A content fault (a runaway reply, a reply cut for no reason) asked again at once: counted as a retry. */
function contentFault(ctx: ChatContext, stage: string, faults: number, reason: string): void {
  ctx.accounting.retried();
  ctx.emit({ type: 'retry', stage, attempt: faults + 2, reason, delayMs: 0 });
}

function oversized(err: RequestRejectedError): boolean {
  return err.classification.type === 'rejected' && err.classification.status === undefined;
}

/** What a rejected request means: rebuild it (adapted), repack (too large), or record it as failed. */
function rejected(ctx: ChatContext, a: ChatAttempt, err: RequestRejectedError, promptTokens: number, maxOut: number | undefined, maxBytes: number): never {
  const cls = err.classification;
  if (cls.type === 'overflow') {
    if (cls.output) {
      if (cls.window !== null) {
        ctx.limits.learnOutputCap(cls.window, `the endpoint returns at most ${cls.window} completion tokens`);
        throw new ShapeChanged();
      }
      throw new ModelRequestError(err.message, { status: cls.status, exhausted: false, cause: err });
    }
    ctx.limits.learnWindow(cls.window ?? Math.max(1, promptTokens - 1), cls.window === null ? `a prompt of about ${promptTokens} tokens was too long` : `the endpoint's context window is ${cls.window} tokens`);
    throw overflow(ctx, 'context', promptTokens, maxOut, err.message, cls.status);
  }
  if (cls.type === 'rejected' && cls.status === undefined) {
    // A reply too large to read was paid for: count it at the bound. Asked again already: a smaller batch may do.
    ctx.accounting.spent(ctx.model, { promptTokens, completionTokens: Math.ceil(maxBytes / 4) });
    throw new ModelRequestError(`${ctx.endpoint}: ${cls.message}`, { exhausted: false, cause: err });
  }
  if (ctx.negotiator.adapt(a.kind, { method: a.shaped.method, params: a.params }, cls)) throw new ShapeChanged();
  throw new ModelRequestError(err.message, { status: cls.status, exhausted: false, cause: err });
}

function overflow(ctx: ChatContext, kind: 'context' | 'output', promptTokens: number, maxOut: number | undefined, detail?: string, status?: number): ContextOverflowError {
  const limits = ctx.limits.limits();
  const window = limits.contextWindow;
  const message =
    detail ??
    `the prompt (about ${promptTokens} tokens${maxOut ? ` + ${maxOut} for the reply` : ''}) does not fit the model's context window of ${window} tokens`;
  return new ContextOverflowError(message, { overflow: kind, limit: kind === 'context' ? window : limits.maxOutputTokens, promptTokens, ...(status === undefined ? {} : { status }) });
}

/** Each attempt streams through `onToken`; after a retry only what goes beyond the text already shown is passed on. */
function tokenDeduper(onToken: ((delta: string) => void) | undefined, send: (onToken?: (d: string) => void) => Promise<ChatResponse>): () => Promise<ChatResponse> {
  let emitted = 0;
  return () => {
    if (!onToken) return send();
    let text = '';
    return send((d) => {
      text += d;
      if (text.length > emitted) {
        onToken(text.slice(emitted));
        emitted = text.length;
      }
    });
  };
}
