import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';

/**
 * Batches are formed stably across runs: a ledger in the cache folder remembers the batches a
 * stage used last time (per model, endpoint and prompt). Batches whose papers are all still in
 * the corpus are reused as they were, so their requests are byte-identical and come from the
 * cache; only papers that are new (or whose batch broke up) form new batches.
 */
export interface BatchLedger {
  batches: string[][];
}

export function ledgerPath(cacheDir: string, identity: Record<string, unknown>): string {
  const key = createHash('sha256').update(JSON.stringify(identity, Object.keys(identity).sort())).digest('hex');
  return path.join(cacheDir, 'ledgers', `${key.slice(0, 32)}.json`);
}

export async function readLedger(file: string): Promise<BatchLedger> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (data && typeof data === 'object' && Array.isArray((data as BatchLedger).batches)) {
      const batches = (data as BatchLedger).batches.filter(
        (b): b is string[] => Array.isArray(b) && b.every((id) => typeof id === 'string'),
      );
      return { batches };
    }
  } catch {
    // No ledger yet, or an unreadable one: batches are formed afresh (costs requests, loses nothing).
  }
  return { batches: [] };
}

export async function writeLedger(file: string, ledger: BatchLedger): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(ledger)}\n`);
}

export interface FormBatchOptions<T> {
  maxItems: number;
  /** Estimated tokens of the items of a batch beyond its first (LITREV_BATCH_TOKENS). */
  tokenBudget: number;
  tokensOf: (item: T) => number;
  /** A new batch grows only while this holds (the prompt and its reply fit the model's limits). */
  fits?: (batch: T[]) => boolean;
  /** A ledger batch is reused only when this holds (its prompt still fits the context window). */
  reusable?: (batch: T[]) => boolean;
}

/**
 * Reuse every ledger batch whose papers are all present (and not already used) and that still
 * fits, then chunk the remaining papers in id order: at most `maxItems` per batch and, beyond the
 * first paper, at most `tokenBudget` estimated tokens, and only while `fits` holds.
 */
export function formBatches<T extends { id: string }>(items: T[], ledger: BatchLedger, options: FormBatchOptions<T>): T[][] {
  const byId = new Map(items.map((it) => [it.id, it]));
  const used = new Set<string>();
  const batches: T[][] = [];
  for (const ids of ledger.batches) {
    if (ids.length === 0 || ids.length > options.maxItems) continue;
    if (!ids.every((id) => byId.has(id) && !used.has(id))) continue;
    const batch = ids.map((id) => byId.get(id)!);
    if (options.reusable && !options.reusable(batch)) continue;
    for (const id of ids) used.add(id);
    batches.push(batch);
  }
  const rest = items.filter((it) => !used.has(it.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let current: T[] = [];
  let tokens = 0;
  for (const item of rest) {
    const t = options.tokensOf(item);
    const full = current.length >= options.maxItems || tokens + t > options.tokenBudget || (options.fits !== undefined && !options.fits([...current, item]));
    if (current.length > 0 && full) {
      batches.push(current);
      current = [];
      tokens = 0;
    }
    current.push(item);
    tokens += t;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
