import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { scanCache } from './cache-scan.js';

/** A problem found in the cache, for `litrev cache verify`. */
export interface CacheProblem {
  file: string;
  reason: string;
}

/** What `litrev cache stats|verify` reports (`--json` prints it as is). */
export interface CacheStats {
  dir: string;
  entries: number;
  bytes: number;
  corrupt: number;
  /** Temporary files left by an interrupted write. */
  tempFiles: number;
  /** Entries written before replies carried a digest (their request is checked; sealed on their next use). */
  unsealed: number;
  byKind: Record<string, number>;
  byModel: Record<string, number>;
  byStage: Record<string, number>;
  /** Tokens the cached answers cost when they were fetched. */
  promptTokens: number;
  completionTokens: number;
  /** ISO times of the oldest and newest entry (creation), null when empty. */
  oldest: string | null;
  newest: string | null;
  problems: CacheProblem[];
}

/**
 * Count and check every entry, as a read does (request hashes to the key, reply matches its digest).
 * `verify` is accepted for the command's sake: stats and verify check the same; verify lists problems.
 */
export async function cacheStats(dir: string, _options: { verify?: boolean } = {}): Promise<CacheStats> {
  const stats: CacheStats = {
    dir,
    entries: 0,
    bytes: 0,
    corrupt: 0,
    tempFiles: 0,
    unsealed: 0,
    byKind: {},
    byModel: {},
    byStage: {},
    promptTokens: 0,
    completionTokens: 0,
    oldest: null,
    newest: null,
    problems: [],
  };
  for await (const f of scanCache(dir)) {
    stats.bytes += f.bytes;
    if (f.type === 'temp') {
      stats.tempFiles++;
      continue;
    }
    if (f.type === 'corrupt') {
      stats.corrupt++;
      stats.problems.push({ file: path.relative(dir, f.file), reason: f.reason });
      continue;
    }
    const e = f.entry;
    stats.entries++;
    if (!f.sealed) stats.unsealed++;
    bump(stats.byKind, e.kind);
    bump(stats.byModel, typeof e.request.body.model === 'string' ? e.request.body.model : 'unknown');
    bump(stats.byStage, e.stage);
    stats.promptTokens += e.usage.promptTokens;
    stats.completionTokens += e.usage.completionTokens;
    if (stats.oldest === null || e.createdAt < stats.oldest) stats.oldest = e.createdAt;
    if (stats.newest === null || e.createdAt > stats.newest) stats.newest = e.createdAt;
  }
  return stats;
}

export interface PruneOptions {
  /** Remove entries not used (read or written) for this many days. */
  olderThanDays?: number;
  /** Remove corrupt entries. */
  corrupt?: boolean;
  /** Temporary files older than this are leftovers of a crash (default one hour). */
  tempMaxAgeMs?: number;
  now?: number;
}

export interface PruneResult {
  removed: number;
  freedBytes: number;
  removedCorrupt: number;
  removedTemp: number;
}

/** Remove old and/or corrupt entries, and temporary files left by crashed writers. */
export async function pruneCache(dir: string, options: PruneOptions): Promise<PruneResult> {
  const now = options.now ?? Date.now();
  const tempMaxAge = options.tempMaxAgeMs ?? 3_600_000;
  const cutoff = options.olderThanDays === undefined ? undefined : now - options.olderThanDays * 86_400_000;
  const result: PruneResult = { removed: 0, freedBytes: 0, removedCorrupt: 0, removedTemp: 0 };
  for await (const f of scanCache(dir)) {
    let remove = false;
    if (f.type === 'temp') remove = now - f.mtimeMs > tempMaxAge;
    else if (f.type === 'corrupt') remove = options.corrupt === true || (cutoff !== undefined && f.mtimeMs < cutoff);
    else remove = cutoff !== undefined && f.mtimeMs < cutoff;
    if (!remove) continue;
    try {
      await unlink(f.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    result.freedBytes += f.bytes;
    if (f.type === 'temp') result.removedTemp++;
    else {
      result.removed++;
      if (f.type === 'corrupt') result.removedCorrupt++;
    }
  }
  return result;
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}
