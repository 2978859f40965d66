import { mkdir } from 'node:fs/promises';
import { DiskCache } from '../cache/disk-cache.js';
import { redactURL } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { AccountingTracker } from './accounting.js';
import { BATCH_CONCURRENCY, batchTransportFor } from './batch/from-config.js';
import { readCapability, writeCapability } from './capabilities.js';
import { Gateway } from './gateway.js';
import { ResponseCache } from './response-cache.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import { Scheduler } from './scheduler.js';
import type { WireMethod } from './structured-method.js';
import { createTransport, type Transport } from './transport.js';
import type { ModelEvent, ModelGateway } from './types.js';

export interface CreateGatewayOptions {
  /** Stop starting requests once this much (USD) was spent; default `config.maxCost`. */
  maxCostUSD?: number;
  /** Ctrl-C: queued requests reject with AbortedError; requests already sent finish and are cached. */
  signal?: AbortSignal;
  /** Model name overriding `config.model.name` (matrix runs share one cache across models). */
  model?: string;
  /** Backoff tuning (defaults: 500 ms doubling up to 30 s; `config.model.maxRetries` retries). */
  retry?: Partial<Omit<RetryPolicy, 'maxRetries'>>;
  /** `review --batch-api`: chat requests go through the Batch API; `registry` is the run folder's record of its batches. */
  batch?: { registry: string };
}

/**
 * A ModelGateway for the configured endpoint: LangChain/OpenAI transport, disk cache in
 * `config.cacheDir` with `config.cacheMode`, AIMD scheduler at `config.concurrency`, retries,
 * accounting and events. Nothing touches the network until the first request that misses the cache;
 * in replay mode nothing ever does.
 */
export async function createGateway(config: Config, options: CreateGatewayOptions = {}): Promise<ModelGateway & { readonly method: WireMethod }> {
  const endpoint = redactURL(config.model.baseURL);
  const model = options.model ?? config.model.name;
  const mode = config.cacheMode;
  if (mode === 'readwrite' || mode === 'refresh') {
    try {
      await mkdir(config.cacheDir, { recursive: true });
    } catch (err) {
      throw new ConfigError(`cannot create the cache folder ${config.cacheDir}: ${(err as Error).message}`, 'pass a writable folder with --cache-dir');
    }
  }
  const listeners = new Set<(event: ModelEvent) => void>();
  const emit = (event: ModelEvent) => {
    for (const l of listeners) {
      try {
        l(event);
      } catch {
        // ignore listener errors
      }
    }
  };
  let transport: Promise<Transport> | undefined;
  const sync = () => (transport ??= createTransport({ baseURL: config.model.baseURL, apiKey: config.model.apiKey, timeoutMs: config.model.timeoutMs }));
  const batch = options.batch ? batchTransportFor(config, { endpoint, model, signal: options.signal, runRegistry: options.batch.registry, listeners, emit, sync, accounting: (): AccountingTracker => accounting }) : null;
  const scheduler = new Scheduler({
    maxConcurrency: batch ? BATCH_CONCURRENCY : config.concurrency,
    onConcurrencyChange: (concurrency, reason) => emit({ type: 'concurrency-changed', concurrency, reason }),
  });
  const accounting = new AccountingTracker(() => scheduler.concurrency, batch ? 'batch' : 'standard');
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry, maxRetries: config.model.maxRetries };
  const remembered = config.model.structuredMethod === 'auto' ? await readCapability(config.cacheDir, endpoint, model) : null;

  return new Gateway({
    runner: { endpoint, model, scheduler, accounting, policy, emit, maxCostUSD: options.maxCostUSD ?? config.maxCost },
    accounting,
    cache: new ResponseCache(new DiskCache(config.cacheDir), mode, emit),
    transport: () => (batch ? Promise.resolve(batch) : sync()),
    sampling: { temperature: config.model.temperature, seed: config.model.seed, maxTokens: config.model.maxTokens, contextWindow: config.model.contextWindow },
    structuredMethod: config.model.structuredMethod,
    rememberedMethod: remembered?.method ?? null,
    rememberMethod: async (method, rejected) => {
      if (mode === 'replay' || mode === 'off') return;
      const methods: Record<string, boolean> = { ...(remembered?.methods ?? {}), [method]: true };
      for (const r of rejected) methods[r] = false;
      await writeCapability(config.cacheDir, endpoint, model, { ...remembered, method, methods, checkedAt: new Date().toISOString(), source: 'run' }).catch(() => undefined);
    },
    embeddingModel: config.model.embeddingModel,
    signal: options.signal,
    listeners,
  });
}
