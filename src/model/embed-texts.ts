import type { CacheEntry } from '../cache/cache-entry.js';
import { CACHE_FORMAT_VERSION, cacheKey } from '../cache/cache-key.js';
import { CacheMissError, ModelFatalError } from '../errors.js';
import type { AccountingTracker } from './accounting.js';
import { estimateCostUSD, estimateTokens } from './estimate.js';
import { ModelRequestError } from './model-errors.js';
import { RequestRejectedError, sendWithRetries, type RunnerContext } from './request-runner.js';
import type { ResponseCache } from './response-cache.js';
import type { Transport } from './transport.js';
import type { ModelEvent } from './types.js';

/** Texts per /embeddings request. */
const EMBED_BATCH = 128;

export interface EmbedState {
  /** The endpoint answered that it has no embeddings (404/400): later calls return null at once. */
  unavailable: boolean;
}

export interface EmbedContext {
  runner: RunnerContext;
  cache: ResponseCache;
  transport: () => Promise<Transport>;
  accounting: AccountingTracker;
  model: string | null;
  state: EmbedState;
  emit: (event: ModelEvent) => void;
  signal?: AbortSignal;
}

/**
 * Embed texts through /v1/embeddings, one cache entry per text (so a corpus embedded once is never
 * paid for again, and replay works). Returns null when no embedding model is configured or the
 * endpoint has none.
 */
export async function embedTexts(ctx: EmbedContext, texts: string[]): Promise<number[][] | null> {
  if (!ctx.model || ctx.state.unavailable) return null;
  const model = ctx.model;
  const endpoint = ctx.runner.endpoint;
  const keys = texts.map((input) => cacheKey({ endpoint, kind: 'embedding', body: { model, input } }));
  const out: (number[] | undefined)[] = new Array(texts.length);
  const missing: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    const entry = await ctx.cache.peek(keys[i]!);
    if (entry?.embedding) {
      out[i] = entry.embedding;
      ctx.accounting.hit(model, { promptTokens: entry.usage.promptTokens, completionTokens: 0 });
      ctx.accounting.keyUsed(keys[i]!);
    } else missing.push(i);
  }
  if (missing.length > 0 && ctx.cache.mode === 'replay') {
    throw new CacheMissError(keys[missing[0]!]!, `embedding of "${texts[missing[0]!]!.slice(0, 60)}" (${missing.length} texts missing)`);
  }
  for (let start = 0; start < missing.length; start += EMBED_BATCH) {
    const chunk = missing.slice(start, start + EMBED_BATCH);
    const vectors = await fetchChunk(ctx, model, chunk.map((i) => texts[i]!), keys[chunk[0]!]!);
    if (vectors === null) return null;
    for (let j = 0; j < chunk.length; j++) out[chunk[j]!] = vectors[j]!;
    await storeChunk(ctx, model, chunk.map((i) => ({ key: keys[i]!, input: texts[i]!, vector: out[i]! })));
  }
  return out as number[][];
}

async function fetchChunk(ctx: EmbedContext, model: string, inputs: string[], firstKey: string): Promise<number[][] | null> {
  const transport = await ctx.transport();
  ctx.emit({ type: 'request-started', stage: 'embed', cacheKey: firstKey });
  let sent;
  try {
    const tokens = inputs.reduce((s, t) => s + estimateTokens(t), 0);
    sent = await sendWithRetries(ctx.runner, 'embed', () => transport.embed(model, inputs), { signal: ctx.signal, estimatedTokens: tokens, estimatedCostUSD: estimateCostUSD(model, tokens, 0) });
  } catch (err) {
    const noEmbeddings = (err instanceof ModelFatalError && err.status === 404) || err instanceof RequestRejectedError;
    if (!noEmbeddings) throw err;
    ctx.state.unavailable = true;
    return null;
  }
  const { vectors, promptTokens } = sent.value;
  if (vectors.length !== inputs.length) {
    throw new ModelRequestError(`${ctx.runner.endpoint} returned ${vectors.length} embeddings for ${inputs.length} texts`, { exhausted: false });
  }
  const tokens = promptTokens ?? inputs.reduce((s, t) => s + estimateTokens(t), 0);
  const costUSD = ctx.accounting.spent(model, { promptTokens: tokens, completionTokens: 0 });
  ctx.emit({ type: 'request-finished', stage: 'embed', cacheKey: firstKey, cached: false, usage: { promptTokens: tokens, completionTokens: 0 }, costUSD, latencyMs: sent.latencyMs });
  return vectors;
}

async function storeChunk(ctx: EmbedContext, model: string, items: { key: string; input: string; vector: number[] }[]): Promise<void> {
  const createdAt = new Date().toISOString();
  for (const item of items) {
    const entry: CacheEntry = {
      format: CACHE_FORMAT_VERSION,
      key: item.key,
      kind: 'embedding',
      createdAt,
      stage: 'embed',
      request: { endpoint: ctx.runner.endpoint, body: { model, input: item.input } },
      embedding: item.vector,
      usage: { promptTokens: estimateTokens(item.input), completionTokens: 0, estimated: true },
      latencyMs: 0,
      attempts: 1,
    };
    await ctx.cache.put(entry);
    ctx.accounting.keyUsed(item.key);
  }
}
