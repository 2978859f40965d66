import type { z } from 'zod';
import type { CacheEntry, ChatReply, EntryUsage } from '../cache/cache-entry.js';
import { CACHE_FORMAT_VERSION, cacheKey } from '../cache/cache-key.js';
import type { StructuredMethod } from '../config/schema.js';
import type { AccountingTracker } from './accounting.js';
import { embedTexts, type EmbedState } from './embed-texts.js';
import { estimateMessagesTokens, estimateTokens } from './estimate.js';
import { interpretStructured } from './interpret-reply.js';
import { ModelRequestError } from './model-errors.js';
import { sendWithRetries, type RunnerContext } from './request-runner.js';
import type { ResponseCache } from './response-cache.js';
import { inputJsonSchema, toStrictJsonSchema, type JsonSchema } from './strict-json-schema.js';
import { METHOD_ORDER, structuredBody, textBody, type BaseBody, type ChatBody, type WireMethod } from './structured-method.js';
import type { ChatResponse, Transport } from './transport.js';
import type { Accounting, ChatMessage, EndpointLimits, ModelEvent, ModelGateway, StructuredRequest, StructuredResult, TextRequest, TextResult, Usage } from './types.js';

export interface GatewayParts {
  runner: RunnerContext;
  accounting: AccountingTracker;
  cache: ResponseCache;
  transport: () => Promise<Transport>;
  sampling: { temperature: number; seed?: number; maxTokens?: number; contextWindow?: number };
  structuredMethod: StructuredMethod;
  /** The method remembered for this endpoint + model (capability file), if any. */
  rememberedMethod: WireMethod | null;
  /** Called when `auto` fell back to a method that then worked. */
  rememberMethod: (method: WireMethod, rejected: WireMethod[]) => Promise<void>;
  embeddingModel: string | null;
  signal?: AbortSignal;
  listeners: Set<(event: ModelEvent) => void>;
}

interface ChatOutcome {
  entry: CacheEntry;
  cached: boolean;
}

/** The ModelGateway: cache, de-duplication, scheduler, retries, accounting and events around a Transport. */
export class Gateway implements ModelGateway {
  readonly modelName: string;
  readonly endpoint: string;
  private preferred: WireMethod;
  private readonly rejected = new Set<WireMethod>();
  private readonly schemas = new WeakMap<object, { strict: JsonSchema; input: JsonSchema }>();
  private readonly embedState: EmbedState = { unavailable: false };
  private noStreaming = false;

  constructor(private readonly parts: GatewayParts) {
    this.modelName = parts.runner.model;
    this.endpoint = parts.runner.endpoint;
    this.preferred = parts.structuredMethod === 'auto' ? (parts.rememberedMethod ?? 'json_schema') : parts.structuredMethod;
  }

  async structured<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> {
    const schemas = this.schemasOf(request.schema);
    const base = this.baseBody(request.messages, request.sample, request.maxTokens);
    const auto = this.parts.structuredMethod === 'auto';
    let methods = auto ? METHOD_ORDER.slice(METHOD_ORDER.indexOf(this.preferred)).filter((m) => !this.rejected.has(m)) : [this.preferred];
    if (methods.length === 0) methods = [this.preferred];
    if (auto && this.parts.cache.mode === 'replay') methods = await this.replayMethod(base, request, schemas.strict, methods);
    for (let i = 0; ; i++) {
      const method = methods[i]!;
      const body = structuredBody(base, method, request.schemaName, schemas.strict);
      const parse = (reply: ChatReply) => interpretStructured(reply, method, request.schemaName, request.schema, schemas.input);
      try {
        const out = await this.chat(request.stage, body, request.sample, request.signal, { parse: (r) => parsedValue(parse(r)) });
        if (method !== this.preferred) await this.switchMethod(method);
        const usage = usageOf(out.entry.usage);
        const result = parse(out.entry.reply!);
        if (result.ok) return { ok: true, value: result.value, raw: result.raw, cacheKey: out.entry.key, cached: out.cached, usage };
        this.parts.accounting.invalidOutput();
        this.emit({ type: 'output-invalid', stage: request.stage, kind: result.kind, error: result.error });
        return { ok: false, kind: result.kind, error: result.error, raw: result.raw, cacheKey: out.entry.key, cached: out.cached, usage };
      } catch (err) {
        const methodRejected = auto && err instanceof ModelRequestError && !err.exhausted && !err.contextOverflow && (err.status === 400 || err.status === 422);
        if (!methodRejected || i + 1 >= methods.length) throw err;
        this.rejected.add(method);
      }
    }
  }

  async text(request: TextRequest): Promise<TextResult> {
    const body = textBody(this.baseBody(request.messages, request.sample, request.maxTokens));
    const out = await this.chat(request.stage, body, request.sample, request.signal, { onToken: request.onToken });
    const text = out.entry.reply!.content;
    if (out.cached && request.onToken && text) request.onToken(text);
    return { text, cacheKey: out.entry.key, cached: out.cached, usage: usageOf(out.entry.usage) };
  }

  embed(texts: string[], signal?: AbortSignal): Promise<number[][] | null> {
    return embedTexts({ ...this.partsForEmbed(), signal: this.signalFor(signal) }, texts);
  }

  accounting(): Accounting {
    return this.parts.accounting.snapshot(this.modelName);
  }

  limits(): EndpointLimits {
    const { contextWindow, maxTokens } = this.parts.sampling;
    return {
      contextWindow: contextWindow ?? null,
      contextSource: contextWindow === undefined ? null : 'config',
      maxOutputTokens: maxTokens ?? null,
      outputSource: maxTokens === undefined ? null : 'config',
    };
  }

  countTokens(messages: ChatMessage[]): number {
    return estimateMessagesTokens(messages);
  }

  onEvent(listener: (event: ModelEvent) => void): () => void {
    this.parts.listeners.add(listener);
    return () => this.parts.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.parts.cache.flush();
  }

  /** The structured-output method requests start with now. */
  get method(): WireMethod {
    return this.preferred;
  }

  private async chat(
    stage: string,
    body: ChatBody,
    sample: number | undefined,
    signal: AbortSignal | undefined,
    opts: { onToken?: (delta: string) => void; parse?: (reply: ChatReply) => unknown },
  ): Promise<ChatOutcome> {
    const key = cacheKey({ endpoint: this.endpoint, kind: 'chat', body, sample });
    const started = performance.now();
    const s = this.signalFor(signal);
    const resolved = await this.parts.cache.resolve(key, () => describeRequest(stage, body), async () => {
      this.emit({ type: 'request-started', stage, cacheKey: key });
      let emitted = 0;
      const transport = await this.parts.transport();
      const sent = await sendWithRetries(
        this.parts.runner,
        stage,
        () => {
          let text = '';
          const onToken = opts.onToken
            ? (d: string) => {
                text += d;
                // After a retry, only what goes beyond the text already shown is passed on.
                if (text.length > emitted) {
                  opts.onToken!(text.slice(emitted));
                  emitted = text.length;
                }
              }
            : undefined;
          return this.send(transport, body, onToken);
        },
        s,
      );
      const { reply, usage } = sent.value;
      const entryUsage: EntryUsage = usage ?? { promptTokens: estimateMessagesTokens(body.messages), completionTokens: estimateTokens(reply.content + reply.toolCalls.map((c) => c.arguments).join('')), estimated: true };
      const entry: CacheEntry = {
        format: CACHE_FORMAT_VERSION,
        key,
        kind: 'chat',
        createdAt: new Date().toISOString(),
        stage,
        request: { endpoint: this.endpoint, body, ...(sample ? { sample } : {}) },
        reply,
        ...(opts.parse ? { parsed: opts.parse(reply) } : {}),
        usage: entryUsage,
        latencyMs: sent.latencyMs,
        attempts: sent.attempts,
      };
      const empty = reply.content.trim() === '' && reply.toolCalls.every((c) => c.arguments.trim() === '') && !reply.refusal;
      return { entry, store: !empty };
    });
    const usage = usageOf(resolved.entry.usage);
    const costUSD = resolved.cached ? this.parts.accounting.hit(this.modelName, usage) : this.parts.accounting.spent(this.modelName, usage);
    this.parts.accounting.keyUsed(key);
    this.emit({ type: 'request-finished', stage, cacheKey: key, cached: resolved.cached, usage, costUSD, latencyMs: Math.round(performance.now() - started) });
    return resolved;
  }

  /**
   * One attempt: streamed when tokens are wanted. An endpoint that rejects `stream: true` (HTTP 400)
   * is asked again without it at once, and never streamed to again by this gateway.
   */
  private async send(transport: Transport, body: ChatBody, onToken?: (delta: string) => void): Promise<ChatResponse> {
    if (!onToken || this.noStreaming) {
      const res = await transport.chat(body);
      if (onToken && res.reply.content) onToken(res.reply.content);
      return res;
    }
    try {
      return await transport.chat(body, { stream: true, onToken });
    } catch (err) {
      const status = (err as { status?: unknown }).status;
      if (status !== 400 && status !== 422) throw err;
      this.noStreaming = true;
      this.parts.accounting.requestSent();
      return this.send(transport, body, onToken);
    }
  }

  private baseBody(messages: ChatMessage[], sample: number | undefined, maxTokens: number | undefined): BaseBody {
    const { temperature, seed } = this.parts.sampling;
    // A --repeat sample gets its own seed, so repeats with a fixed seed are real samples.
    const sampleSeed = seed !== undefined && sample !== undefined && sample > 0 ? seed + sample : seed;
    const mt = maxTokens ?? this.parts.sampling.maxTokens;
    return { model: this.modelName, messages, temperature, ...(sampleSeed === undefined ? {} : { seed: sampleSeed }), ...(mt === undefined ? {} : { maxTokens: mt }) };
  }

  /** In replay mode with `auto`, start with the first method whose entry is cached. */
  private async replayMethod(base: BaseBody, request: StructuredRequest<unknown>, schema: JsonSchema, methods: WireMethod[]): Promise<WireMethod[]> {
    for (const m of METHOD_ORDER) {
      const key = cacheKey({ endpoint: this.endpoint, kind: 'chat', body: structuredBody(base, m, request.schemaName, schema), sample: request.sample });
      if (await this.parts.cache.peek(key)) return [m];
    }
    return methods.slice(0, 1);
  }

  private async switchMethod(method: WireMethod): Promise<void> {
    this.preferred = method;
    await this.parts.rememberMethod(method, [...this.rejected]);
  }

  private schemasOf(schema: z.ZodType): { strict: JsonSchema; input: JsonSchema } {
    let s = this.schemas.get(schema);
    if (!s) {
      s = { strict: toStrictJsonSchema(schema), input: inputJsonSchema(schema) };
      this.schemas.set(schema, s);
    }
    return s;
  }

  private partsForEmbed() {
    return { runner: this.parts.runner, cache: this.parts.cache, transport: this.parts.transport, accounting: this.parts.accounting, model: this.parts.embeddingModel, state: this.embedState, emit: (e: ModelEvent) => this.emit(e) };
  }

  private signalFor(signal?: AbortSignal): AbortSignal | undefined {
    const all = [this.parts.signal, signal].filter((s): s is AbortSignal => s !== undefined);
    return all.length <= 1 ? all[0] : AbortSignal.any(all);
  }

  private emit(event: ModelEvent): void {
    for (const l of this.parts.listeners) {
      try {
        l(event);
      } catch {
        // A listener's bug must not break a request.
      }
    }
  }
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
