import type { Config } from '../../config/schema.js';
import type { AccountingTracker } from '../accounting.js';
import type { Transport } from '../transport.js';
import type { ModelEvent } from '../types.js';
import { createBatchTransport } from './batch-transport.js';

/**
 * Requests a gateway lets wait at once in batch mode: a stage issues all its requests together, and
 * the Batch API takes up to 50,000 per batch (several batches run side by side beyond that).
 */
export const BATCH_CONCURRENCY = 1_000_000;

/** The batch transport of a `review --batch-api` gateway, wired to the gateway's events. */
export function batchTransportFor(
  config: Config,
  parts: {
    endpoint: string;
    model: string;
    signal?: AbortSignal;
    runRegistry?: string;
    listeners: { add(listener: (event: ModelEvent) => void): unknown };
    emit: (event: ModelEvent) => void;
    sync: () => Promise<Transport>;
    /** The gateway's accounting (created after the transport: read when a line is retried). */
    accounting: () => AccountingTracker;
  },
): Transport {
  const transport = createBatchTransport({
    baseURL: config.model.baseURL,
    ...(config.model.apiKey ? { apiKey: config.model.apiKey } : {}),
    timeoutMs: config.model.timeoutMs,
    maxRetries: config.model.maxRetries,
    endpoint: parts.endpoint,
    model: parts.model,
    cacheDir: config.cacheDir,
    ...(parts.runRegistry ? { runRegistry: parts.runRegistry } : {}),
    fallback: config.batch.fallback,
    pollMs: config.batch.pollMs,
    ...(parts.signal ? { signal: parts.signal } : {}),
    emit: parts.emit,
    onRetry: (stage, attempt, reason) => {
      parts.accounting().requestSent();
      parts.accounting().retried();
      parts.emit({ type: 'retry', stage, attempt, reason, delayMs: 0 });
    },
    sync: parts.sync,
  });
  parts.listeners.add((event) => transport.observe(event));
  return transport;
}
