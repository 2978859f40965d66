import { PLACEHOLDER_API_KEY, type Transport } from '../transport.js';
import type { ModelEvent } from '../types.js';
import { createBatchClient, type BatchClient } from './batch-client.js';
import { BatchCollector } from './batch-collector.js';
import type { BatchStatusEvent } from './batch-events.js';
import { MAX_LINES_PER_BATCH } from './batch-files.js';
import { bodyId } from './batch-line.js';
import { registryPath } from './batch-registry.js';

export interface BatchTransportOptions {
  baseURL: string;
  apiKey?: string;
  timeoutMs: number;
  maxRetries: number;
  /** Endpoint (without credentials) and model: a batch is re-attached only by the same pair. */
  endpoint: string;
  model: string;
  cacheDir: string;
  /** The run folder's copy of the registry (the batches this run started or collected). */
  runRegistry?: string;
  fallback: 'resubmit' | 'sync';
  /** First interval between two polls of a batch (grows 1.5x per poll, up to 12x). */
  pollMs: number;
  signal?: AbortSignal;
  emit: (event: BatchStatusEvent) => void;
  /** A line sent again (next batch, or synchronously): the gateway counts a retry and a request. */
  onRetry: (stage: string, attempt: number, reason: string) => void;
  /** The synchronous transport: models, embeddings, and `fallback: sync`. */
  sync: () => Promise<Transport>;
}

/** The quiet period after which waiting requests are flushed into a batch. */
export function quietPeriodMs(pollMs: number): number {
  return Math.max(200, Math.min(1000, pollMs));
}

/**
 * A Transport whose chat requests go through the provider's Batch API (see BatchCollector): the
 * gateway above it is unchanged, so cache keys, parsing, repair and bisect are those of the
 * synchronous path, and the answers land in the same cache under the same keys. Requests that fell
 * back to synchronous sending (`fallback: sync`) stay synchronous on the gateway's retries.
 * `observe` must see the gateway's events: a batch is named after the stages of its requests.
 */
export function createBatchTransport(o: BatchTransportOptions): Transport & { observe(event: ModelEvent): void } {
  let client: Promise<BatchClient> | undefined;
  const stages = new Set<string>();
  const synchronous = new Set<string>();
  const sendSync = async (body: Parameters<Transport['chat']>[0]) => {
    synchronous.add(bodyId(body));
    return (await o.sync()).chat(body);
  };
  const collector = new BatchCollector({
    client: () => (client ??= createBatchClient({ baseURL: o.baseURL, apiKey: o.apiKey ?? PLACEHOLDER_API_KEY, timeoutMs: o.timeoutMs, maxRetries: o.maxRetries })),
    endpoint: o.endpoint,
    model: o.model,
    registry: registryPath(o.cacheDir),
    ...(o.runRegistry ? { runRegistry: o.runRegistry } : {}),
    quietMs: quietPeriodMs(o.pollMs),
    maxWaiting: MAX_LINES_PER_BATCH,
    poll: { initialMs: o.pollMs, maxMs: o.pollMs * 12 },
    maxRounds: o.maxRetries + 1,
    fallback: o.fallback,
    sync: sendSync,
    ...(o.signal ? { signal: o.signal } : {}),
    emit: o.emit,
    onRetry: o.onRetry,
    takeStages: () => {
      const list = [...stages];
      stages.clear();
      return list;
    },
  });
  return {
    async chat(body, options = {}) {
      const res = synchronous.has(bodyId(body)) ? await sendSync(body) : await collector.add(body);
      if (options.onToken && res.reply.content) options.onToken(res.reply.content);
      return res;
    },
    async listModels() {
      return (await o.sync()).listModels();
    },
    async embed(model, input) {
      return (await o.sync()).embed(model, input);
    },
    async fetchJSON(url, body) {
      return (await o.sync()).fetchJSON(url, body);
    },
    observe(event) {
      if (event.type === 'request-started') stages.add(event.stage);
    },
  };
}
