import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { TEMP_PREFIX, TEMP_SUFFIX } from '../fs/atomic-write.js';
import { isCacheKey } from './cache-key.js';
import { parseEntryText } from './disk-cache.js';
import type { CacheEntry } from './cache-entry.js';

/** One file found in the cache folder, checked. */
export type ScannedFile =
  | { type: 'entry'; file: string; key: string; bytes: number; mtimeMs: number; entry: CacheEntry; sealed: boolean }
  | { type: 'corrupt'; file: string; key: string; bytes: number; mtimeMs: number; reason: string }
  | { type: 'temp'; file: string; bytes: number; mtimeMs: number };

/**
 * Walk the shard folders of a cache and check every entry file as a read does: an entry whose stored
 * request does not hash to its file name (it would be served for the wrong request), or whose reply does
 * not match its digest, is corrupt. Files that are not entries (e.g. `capabilities.json`) are ignored.
 */
export async function* scanCache(dir: string): AsyncGenerator<ScannedFile> {
  let shards: string[];
  try {
    shards = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name)).map((d) => d.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const shard of shards.sort()) {
    const shardDir = path.join(dir, shard);
    const names = await readdir(shardDir).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const file = path.join(shardDir, name);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)) {
        yield { type: 'temp', file, bytes: info.size, mtimeMs: info.mtimeMs };
        continue;
      }
      const key = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
      if (!isCacheKey(key)) continue;
      yield checkEntryFile(file, key, info.size, info.mtimeMs, shard);
    }
  }
}

async function checkEntryFile(file: string, key: string, bytes: number, mtimeMs: number, shard: string): Promise<ScannedFile> {
  const base = { file, key, bytes, mtimeMs };
  if (!key.startsWith(shard)) return { type: 'corrupt', ...base, reason: 'entry is in the wrong shard folder' };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { type: 'corrupt', ...base, reason: `unreadable: ${(err as Error).message}` };
  }
  const lookup = parseEntryText(text, key, file);
  if (lookup.status === 'corrupt') return { type: 'corrupt', ...base, reason: lookup.reason };
  return { type: 'entry', ...base, entry: lookup.entry, sealed: lookup.sealed };
}
