import { mkdir } from 'node:fs/promises';
import { DiskCache } from '../cache/disk-cache.js';
import { redactURL } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { AccountingTracker } from './accounting.js';
import { BATCH_CONCURRENCY, batchTransportFor } from './batch/from-config.js';
import { readCapability, type CapabilityRecord } from './capabilities.js';
import { CostGuard } from './cost-guard.js';
import { ConcurrencyLimiter, concurrencyBounds } from './concurrency-limiter.js';
import { discoverWindow, discoveryDeadline } from './discover-limits.js';
import { EndpointHealth } from './endpoint-health.js';
import { LimitsTracker } from './endpoint-limits.js';
import { Gateway } from './gateway.js';
import { limitsMessage } from './limits-message.js';
import { Listeners } from './listeners.js';
import { Negotiator } from './negotiate.js';
import { RateGovernor } from './rate-governor.js';
import { CapabilityWriter } from './capability-writer.js';
import { ResponseCache } from './response-cache.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import { Scheduler } from './scheduler.js';
import { StreamFallback } from './stream-fallback.js';
import { TruncationJudge } from './truncation-judge.js';
import type { WireMethod } from './structured-method.js';
import { createTransport, type Transport } from './transport.js';
import type { ModelGateway } from './types.js';
import { UncertainPrompts } from './uncertain-prompts.js';

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
 * A ModelGateway for the configured endpoint: `openai` SDK transport, disk cache in
 * `config.cacheDir` with `config.cacheMode`, its own rate governor and health record for the
 * endpoint, retries, request-shape negotiation, limits and accounting. Nothing touches the network
 * until the first request that misses the cache; in replay mode nothing ever does.
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
  const listeners = new Listeners();
  const emit = listeners.emit;
  // The rate governor and the health record belong to this gateway: nothing one run or test learns of an address reaches another.
  const governor = new RateGovernor();
  let transport: Promise<Transport> | undefined;
  const getTransport = () =>
    (transport ??= createTransport({
      baseURL: config.model.baseURL,
      apiKey: config.model.apiKey,
      timeoutMs: config.model.timeoutMs,
      idleTimeoutMs: config.model.idleTimeoutMs,
      onResponse: (status, headers) => governor.observe(status, headers),
    }));
  // With --batch-api, chat requests are collected into Batch API jobs; everything else stays synchronous.
  const batch = options.batch
    ? batchTransportFor(config, { endpoint, model, signal: options.signal, runRegistry: options.batch.registry, listeners, emit, sync: getTransport, accounting: (): AccountingTracker => accounting })
    : null;
  const bounds = batch ? { start: BATCH_CONCURRENCY, ceiling: BATCH_CONCURRENCY } : concurrencyBounds(config);
  const scheduler = new Scheduler({ maxConcurrency: bounds.start });
  const limiter = new ConcurrencyLimiter({ ...bounds, adaptive: batch === null }, (limit, change, lowered) => {
    scheduler.setConcurrency(limit);
    // A cut for 429s or 5xx is worth a line; the limit's other moves are on the dashboard and in run.json.
    if (lowered && /^HTTP/.test(change.reason)) emit({ type: 'concurrency-changed', concurrency: limit, reason: change.reason });
  });
  const accounting = new AccountingTracker(() => scheduler.concurrency, batch ? 'batch' : 'standard');
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry, maxRetries: config.model.maxRetries };
  // With the Batch API no prompt is cut silently (OpenAI refuses a long one) and no probe is made.
  // A request that starts waiting at a gate brings no reading: a reply waiting for a verdict looks again.
  const waiting = () => judge.wake();
  const uncertain = batch ? undefined : new UncertainPrompts(undefined, waiting);
  const remembered = await readCapability(config.cacheDir, endpoint, model);
  const writer = new CapabilityWriter(config.cacheDir, endpoint, model, remembered, mode === 'replay' || mode === 'off', (message) => emit({ type: 'warning', message }));
  const limits = new LimitsTracker(
    knownLimits(config, remembered),
    (snapshot, why) => {
      writer.limits(snapshot);
      uncertain?.recheck();
      emit({ type: 'limits-learned', limits: snapshot, message: limitsMessage(snapshot, why, endpoint) });
    },
    (snapshot) => writer.limits(snapshot),
  );
  let discovery: Promise<void> | undefined;
  const discover = () =>
    (discovery ??=
      config.model.contextWindow !== undefined || mode === 'replay'
        ? Promise.resolve()
        : getTransport()
            .then((t) => discoverWindow(t, config.model.baseURL, model, discoveryDeadline(config.model.timeoutMs)))
            .then((w) => (w === null ? undefined : limits.published(w)))
            .catch(() => undefined));
  const negotiator = new Negotiator({
    model,
    singleFlight: batch === null,
    structuredMethod: config.model.structuredMethod,
    remembered: remembered ? { method: remembered.method, ...(remembered.params ? { params: remembered.params } : {}), ...(remembered.accepted ? { accepted: remembered.accepted } : {}) } : null,
    persist: (state) => writer.shape(state),
    accepted: (signature) => writer.accepted(signature),
    onAdapted: (change) => emit({ type: 'request-adapted', change: `${endpoint} ${model}: ${change}` }),
    onWaiting: waiting,
  });
  const runner = {
    endpoint,
    model,
    scheduler,
    accounting,
    policy,
    emit,
    governor,
    limiter,
    health: new EndpointHealth(endpoint),
    budget: new CostGuard(options.maxCostUSD ?? config.maxCost, () => accounting.spentUSD()),
    requestDeadlineMs: config.model.requestDeadlineMs,
    // Requests held behind a shape probe, or behind prompts that may be cut silently, count as demand: the
    // wave after the probe doubles. What a server that truncates silently can waste is bounded by `uncertain`.
    held: () => negotiator.gate.waiting + (uncertain?.waiting ?? 0),
  };
  // A reply the judge cannot tell yet waits while other requests may bring a reading: those made and not
  // over, less those a gate holds back or that wait for an identical request in flight (a matrix's other runs
  // share them); each request that ends wakes it.
  const calls = { open: 0 };
  const cache = new ResponseCache(new DiskCache(config.cacheDir), mode, emit, waiting);
  const judge = new TruncationJudge(limits, () => calls.open - negotiator.gate.waiting - (uncertain?.waiting ?? 0) - cache.joined, () => uncertain?.recheck());
  runner.health.onEnd(() => judge.wake());
  return new Gateway({
    calls,
    chat: { endpoint, model, runner, accounting, limits, judge, uncertain, negotiator, streaming: new StreamFallback(accounting, { endpoint, model }), transport: () => (batch ? Promise.resolve(batch) : getTransport()), discover, emit },
    cache,
    capabilities: writer,
    listeners,
    governor,
    sampling: { temperature: config.model.temperature, seed: config.model.seed, maxTokens: config.model.maxTokens },
    embeddingModel: config.model.embeddingModel,
    signal: options.signal,
  });
}

/** Limits known before the first request: configuration first, then what a capability file remembers. */
function knownLimits(config: Config, remembered: CapabilityRecord | null): ConstructorParameters<typeof LimitsTracker>[0] {
  const r = remembered?.limits;
  const window = config.model.contextWindow !== undefined ? { contextWindow: config.model.contextWindow, contextSource: 'config' as const } : { contextWindow: r?.contextWindow ?? null, contextSource: r?.contextSource ?? null };
  const output = config.model.maxTokens !== undefined ? { maxOutputTokens: config.model.maxTokens, outputSource: 'config' as const } : { maxOutputTokens: r?.maxOutputTokens ?? null, outputSource: r?.outputSource ?? null };
  return { ...window, ...output, ...(r?.tokenRatio ? { tokenRatio: r.tokenRatio } : {}) };
}
