import type { z } from 'zod';
import type { ChatReply, EntryUsage } from '../cache/cache-entry.js';
import type { AccountingTracker } from './accounting.js';
import { embedTexts, type EmbedState } from './embed-texts.js';
import type { LimitsTracker } from './endpoint-limits.js';
import { fetchChat, type ChatContext } from './fetch-chat.js';
import { interpretStructured } from './interpret-reply.js';
import type { Listeners } from './listeners.js';
import { ContextOverflowError } from './model-errors.js';
import type { RateGovernor } from './rate-governor.js';
import { chatKey, replayShape, STRUCTURED_METHODS, type ShapedBody } from './replay-shape.js';
import { reasoningFilter, withoutReasoning } from './reasoning-text.js';
import { ShapeChanged, type RequestParams, type ShapeKind } from './request-shape.js';
import type { ResponseCache } from './response-cache.js';
import { inputJsonSchema, toStrictJsonSchema, type JsonSchema } from './strict-json-schema.js';
import { structuredBody, textBody, type BaseBody, type ChatBody, type WireMethod } from './structured-method.js';
import type {
  Accounting,
  ChatMessage,
  EndpointLimits,
  EndpointState,
  ModelEvent,
  ModelGateway,
  StructuredRequest,
  StructuredResult,
  TextRequest,
  TextResult,
  Usage,
} from './types.js';

export interface GatewayParts {
  /** Chat requests made and not over (cache lookups, gates and sending included). */
  calls: { open: number };
  chat: ChatContext;
  cache: ResponseCache;
  /** What the run learns of the endpoint, written to capabilities.json; close() waits for it. */
  capabilities: { flush(): Promise<void> };
  listeners: Listeners;
  governor: RateGovernor;
  sampling: { temperature: number; seed?: number; maxTokens?: number };
  embeddingModel: string | null;
  signal?: AbortSignal;
}

interface ChatOutcome {
  entry: { key: string; reply?: ChatReply; usage: EntryUsage };
  cached: boolean;
  method: WireMethod | null;
}

/**
 * The ModelGateway: builds each request in the shape the endpoint accepts, resolves it through the
 * cache (fetchChat on a miss), accounts for it and reports events. The parts live in their own
 * files: negotiation (negotiate.ts), sending (fetch-chat.ts, request-runner.ts), limits
 * (endpoint-limits.ts), replay (replay-shape.ts), streaming (stream-fallback.ts).
 */
export class Gateway implements ModelGateway {
  readonly modelName: string;
  readonly endpoint: string;
  private readonly schemas = new WeakMap<object, { strict: JsonSchema; input: JsonSchema }>();
  private readonly embedState: EmbedState = { unavailable: false };

  constructor(private readonly parts: GatewayParts) {
    this.modelName = parts.chat.model;
    this.endpoint = parts.chat.endpoint;
  }

  private get limitsTracker(): LimitsTracker {
    return this.parts.chat.limits;
  }

  async structured<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> {
    const schemas = this.schemasOf(request.schema);
    const base = (): BaseBody => this.baseBody(request.messages, request.sample, request.maxTokens, request.beyondLearnedCap);
    const build = (method: WireMethod | null, params: RequestParams): ShapedBody => ({ body: structuredBody(base(), method ?? 'json_schema', request.schemaName, schemas.strict, params), method: method ?? 'json_schema' });
    const parseWith = (method: WireMethod) => (reply: ChatReply) => interpretStructured(reply, method, request.schemaName, request.schema, schemas.input);
    const out = await this.chat(request.stage, 'structured', build, request, (method) => ({
      parse: (r) => parsedValue(parseWith(method ?? 'json_schema')(r)),
      offSchema: (r) => {
        const read = parseWith(method ?? 'json_schema')(r);
        return !read.ok && read.offSchema === true;
      },
    }));
    const usage = usageOf(out.entry.usage);
    const result = parseWith(out.method ?? 'json_schema')(out.entry.reply!);
    if (result.ok) return { ok: true, value: result.value, raw: result.raw, cacheKey: out.entry.key, cached: out.cached, usage };
    this.parts.chat.accounting.invalidOutput();
    this.emit({ type: 'output-invalid', stage: request.stage, kind: result.kind, error: result.error });
    return { ok: false, kind: result.kind, error: result.error, raw: result.raw, cacheKey: out.entry.key, cached: out.cached, usage };
  }

  async text(request: TextRequest): Promise<TextResult> {
    const build = (_method: WireMethod | null, params: RequestParams): ShapedBody => ({ body: textBody(this.baseBody(request.messages, request.sample, request.maxTokens), params), method: null });
    // A reasoning model's leading <think> block is neither streamed nor part of the answer (the cache keeps it).
    const out = await this.chat(request.stage, 'text', build, { ...request, ...(request.onToken ? { onToken: reasoningFilter(request.onToken) } : {}) });
    const reply = out.entry.reply!;
    const answer = withoutReasoning(reply.content);
    if (out.cached && request.onToken && answer) request.onToken(answer);
    if (reply.finishReason === 'length') {
      const cap = this.limits().maxOutputTokens;
      throw new ContextOverflowError(`the answer was cut off at the output limit${cap ? ` (${cap} tokens)` : ''} (finish_reason: length): ask for less, or raise LITREV_MAX_TOKENS`, {
        overflow: 'output',
        limit: cap,
        promptTokens: this.countTokens(request.messages),
      });
    }
    return { text: answer, cacheKey: out.entry.key, cached: out.cached, usage: usageOf(out.entry.usage) };
  }

  embed(texts: string[], signal?: AbortSignal): Promise<number[][] | null> {
    const c = this.parts.chat;
    return embedTexts({ runner: c.runner, cache: this.parts.cache, transport: c.transport, accounting: c.accounting, model: this.parts.embeddingModel, state: this.embedState, emit: this.emit, signal: this.signalFor(signal) }, texts);
  }

  accounting(): Accounting {
    return this.parts.chat.accounting.snapshot(this.modelName);
  }

  limits(): EndpointLimits {
    return this.limitsTracker.limits();
  }

  countTokens(messages: ChatMessage[]): number {
    return this.limitsTracker.countTokens(messages);
  }

  tokenCounter(): (messages: ChatMessage[]) => number {
    return this.limitsTracker.counter();
  }

  discoverLimits(): Promise<void> {
    return this.parts.chat.discover();
  }

  onEvent(listener: (event: ModelEvent) => void): () => void {
    return this.parts.listeners.add(listener);
  }

  endpointState(): EndpointState {
    const n = this.parts.chat.negotiator;
    const snap = this.limitsTracker.snapshot();
    return {
      endpoint: this.endpoint,
      model: this.modelName,
      limits: this.limits(),
      tokenRatio: snap.tokenRatio,
      structuredMethod: n.method,
      params: { ...n.params },
      adapted: [...n.adapted],
      rateLimits: this.parts.governor.seen(),
      concurrency: this.parts.chat.runner.limiter.state(),
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.parts.cache.flush(), this.parts.capabilities.flush()]);
  }

  /** The structured-output method requests start with now. */
  get method(): WireMethod {
    return this.parts.chat.negotiator.method;
  }

  private async chat(
    stage: string,
    kind: ShapeKind,
    build: (method: WireMethod | null, params: RequestParams) => ShapedBody,
    request: { sample?: number; signal?: AbortSignal; onToken?: (delta: string) => void },
    reader?: (method: WireMethod | null) => { parse: (reply: ChatReply) => unknown; offSchema: (reply: ChatReply) => boolean },
  ): Promise<ChatOutcome> {
    const { negotiator, accounting } = this.parts.chat;
    const key = chatKey(this.endpoint, request.sample);
    const signal = this.signalFor(request.signal);
    const ticket = this.parts.chat.runner.health.ticket();
    // Counted while made and not over: a reply the truncation judge cannot tell yet waits while others may bring a reading.
    this.parts.calls.open++;
    try {
      for (;;) {
        const replay = this.parts.cache.mode === 'replay';
        if (!replay) await negotiator.gate.settled(kind, signal);
        const params = negotiator.params;
        let shaped = build(kind === 'structured' ? negotiator.method : null, params);
        if (replay) shaped = await replayShape(this.parts.cache, key, shaped, build, kind === 'structured' ? STRUCTURED_METHODS : [null]);
        const k = key(shaped.body);
        const started = performance.now();
        try {
          const resolved = await this.parts.cache.resolve(k, () => describeRequest(stage, shaped.body), () =>
            fetchChat(this.parts.chat, { stage, kind, shaped, params, key: k, sample: request.sample, signal, ticket, onToken: request.onToken, ...(reader ? reader(shaped.method) : {}) }),
          );
          const usage = usageOf(resolved.entry.usage);
          const costUSD = resolved.cached ? accounting.hit(this.modelName, usage) : accounting.spent(this.modelName, usage);
          accounting.keyUsed(k);
          this.emit({ type: 'request-finished', stage, cacheKey: k, cached: resolved.cached, usage, costUSD, latencyMs: Math.round(performance.now() - started) });
          return { ...resolved, method: shaped.method };
        } catch (err) {
          if (!(err instanceof ShapeChanged)) throw err;
        }
      }
    } finally {
      this.parts.calls.open--;
      this.parts.chat.judge.wake();
    }
  }

  private baseBody(messages: ChatMessage[], sample: number | undefined, maxTokens: number | undefined, beyondLearnedCap = false): BaseBody {
    const { temperature, seed } = this.parts.sampling;
    // A --repeat sample gets its own seed, so repeats with a fixed seed are real samples.
    const sampleSeed = seed !== undefined && sample !== undefined && sample > 0 ? seed + sample : seed;
    let mt = maxTokens ?? this.parts.sampling.maxTokens;
    // An output cap the endpoint revealed lowers a larger request (a configured one is what was asked for).
    const limits = this.limits();
    if (mt !== undefined && limits.maxOutputTokens !== null && limits.outputSource !== 'config' && mt > limits.maxOutputTokens && !(beyondLearnedCap && limits.outputSource === 'learned')) mt = limits.maxOutputTokens;
    return { model: this.modelName, messages, temperature, ...(sampleSeed === undefined ? {} : { seed: sampleSeed }), ...(mt === undefined ? {} : { maxTokens: mt }) };
  }

  private schemasOf(schema: z.ZodType): { strict: JsonSchema; input: JsonSchema } {
    let s = this.schemas.get(schema);
    if (!s) {
      s = { strict: toStrictJsonSchema(schema), input: inputJsonSchema(schema) };
      this.schemas.set(schema, s);
    }
    return s;
  }

  private signalFor(signal?: AbortSignal): AbortSignal | undefined {
    const all = [this.parts.signal, signal].filter((s): s is AbortSignal => s !== undefined);
    return all.length <= 1 ? all[0] : AbortSignal.any(all);
  }

  private readonly emit = (event: ModelEvent): void => this.parts.listeners.emit(event);
}

function parsedValue(p: { ok: boolean; value?: unknown }): unknown {
  return p.ok ? p.value : null;
}

function usageOf(u: EntryUsage): Usage {
  return { promptTokens: u.promptTokens, completionTokens: u.completionTokens };
}

/** A short description of a request for a replay miss: stage, model, method, start of the last user message. */
export function describeRequest(stage: string, body: ChatBody): string {
  const method = body.response_format ? String((body.response_format as { type?: string }).type) : body.tools ? 'tools' : 'text';
  const lastUser = [...body.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const excerpt = lastUser.replace(/\s+/g, ' ').slice(0, 80);
  return `stage ${stage}, model ${body.model}, ${method} request "${excerpt}${lastUser.length > 80 ? '…' : ''}"`;
}
