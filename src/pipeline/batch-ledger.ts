import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';

/**
 * Batches are formed stably across runs: a ledger in the cache folder remembers the batches a
 * stage used (per model, endpoint and prompt), for each set of papers it was run on and for the
 * last run. A run on a set seen before gets exactly the batches that answered last time (a replay
 * of a repacked run, or a full run after a --topic run over a subset); a run on a new set starts
 * from the last run's batches: those whose papers are all still there are reused as they were, so
 * their requests are byte-identical and come from the cache, and only new papers (or papers whose
 * batch broke up) form new batches.
 */
export interface BatchLedger {
  batches: string[][];
}

/** Sets of papers remembered per ledger file, the oldest dropped first. */
const SETS_KEPT = 8;

interface LedgerFile {
  batches: string[][];
  sets?: Record<string, string[][]>;
}

export function ledgerPath(cacheDir: string, identity: Record<string, unknown>): string {
  const key = createHash('sha256').update(JSON.stringify(identity, Object.keys(identity).sort())).digest('hex');
  return path.join(cacheDir, 'ledgers', `${key.slice(0, 32)}.json`);
}

function setKey(ids: readonly string[]): string {
  return createHash('sha256').update([...ids].sort().join('\n')).digest('hex').slice(0, 24);
}

const isBatchList = (v: unknown): v is string[][] => Array.isArray(v) && v.every((b) => Array.isArray(b) && b.every((id) => typeof id === 'string'));

async function readLedgerFile(file: string): Promise<LedgerFile> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Partial<LedgerFile> | null;
    if (data && typeof data === 'object' && isBatchList(data.batches)) {
      const sets = data.sets && typeof data.sets === 'object' ? Object.fromEntries(Object.entries(data.sets).filter(([, v]) => isBatchList(v))) : {};
      return { batches: data.batches, sets };
    }
  } catch {
    // No ledger yet, or an unreadable one: batches are formed afresh (costs requests, loses nothing).
  }
  return { batches: [], sets: {} };
}

/** The batches to start from for these papers: the ones used for this very set, else the last run's. */
export async function readLedger(file: string, itemIds?: readonly string[]): Promise<BatchLedger> {
  const data = await readLedgerFile(file);
  const exact = itemIds ? data.sets?.[setKey(itemIds)] : undefined;
  return { batches: exact ?? data.batches };
}

/** Remember the batches used for these papers (and as the last run's). */
export async function writeLedger(file: string, ledger: BatchLedger, itemIds?: readonly string[]): Promise<void> {
  const data = await readLedgerFile(file);
  const sets = { ...data.sets };
  if (itemIds) {
    const key = setKey(itemIds);
    delete sets[key];
    sets[key] = ledger.batches;
    for (const old of Object.keys(sets).slice(0, Math.max(0, Object.keys(sets).length - SETS_KEPT))) delete sets[old];
  }
  await writeFileAtomic(file, `${JSON.stringify({ batches: ledger.batches, sets })}\n`);
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
