import { redactURL } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { ConfigError, UsageError } from '../../errors.js';
import { PLACEHOLDER_API_KEY } from '../transport.js';
import { createBatchClient, type BatchClient } from './batch-client.js';
import { isFinal, readRegistry, registryPath, saveRecord, withInfo, type BatchRecord } from './batch-registry.js';

/** A batch as `litrev batches` shows it. */
export interface BatchListing {
  id: string;
  stage: string;
  status: string;
  total: number;
  completed: number;
  failed: number;
  endpoint: string;
  model: string;
  createdAt: string;
  /** The status could not be refreshed (another endpoint than the configured one, or it did not answer). */
  stale?: string;
}

function clientFor(config: Config): Promise<BatchClient> {
  return createBatchClient({ baseURL: config.model.baseURL, apiKey: config.model.apiKey ?? PLACEHOLDER_API_KEY, timeoutMs: config.model.timeoutMs, maxRetries: config.model.maxRetries });
}

const listing = (r: BatchRecord, stale?: string): BatchListing => ({
  id: r.id,
  stage: r.stage,
  status: r.status,
  total: r.total,
  completed: r.completed,
  failed: r.failed,
  endpoint: r.endpoint,
  model: r.model,
  createdAt: r.createdAt,
  ...(stale ? { stale } : {}),
});

/**
 * The batches recorded in the cache's registry, newest first. Those not finished are asked for
 * their status when they belong to the configured endpoint (the registry is updated).
 */
export async function listBatches(config: Config): Promise<BatchListing[]> {
  const file = registryPath(config.cacheDir);
  const records = await readRegistry(file).catch((err: Error) => {
    throw new ConfigError(err.message, 'remove the file to forget the batches it lists');
  });
  const endpoint = redactURL(config.model.baseURL);
  let client: Promise<BatchClient> | undefined;
  const out = await Promise.all(
    records.map(async (r) => {
      if (isFinal(r.status)) return listing(r);
      if (r.endpoint !== endpoint) return listing(r, `sent to ${r.endpoint}; pass --base-url to refresh`);
      try {
        const updated = withInfo(r, await (await (client ??= clientFor(config))).retrieve(r.id));
        await saveRecord([file], updated);
        return listing(updated);
      } catch (err) {
        return listing(r, `status not refreshed: ${(err as Error).message.split('\n')[0]}`);
      }
    }),
  );
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Cancel one batch litrev started; the registry keeps it with its new status. */
export async function cancelBatch(config: Config, id: string): Promise<BatchListing> {
  const file = registryPath(config.cacheDir);
  const record = (await readRegistry(file).catch(() => [])).find((r) => r.id === id);
  if (!record) throw new UsageError(`no batch ${id} in ${file}`, "'litrev batches' lists the batches litrev started");
  const endpoint = redactURL(config.model.baseURL);
  if (record.endpoint !== endpoint) throw new ConfigError(`batch ${id} was sent to ${record.endpoint}, not ${endpoint}`, `pass --base-url ${record.endpoint}`);
  const updated = withInfo(record, await (await clientFor(config)).cancel(id));
  await saveRecord([file], updated);
  return listing(updated);
}
