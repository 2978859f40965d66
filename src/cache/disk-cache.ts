import { readFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { validateEntry, type CacheEntry } from './cache-entry.js';

export type CacheLookup =
  | { status: 'hit'; entry: CacheEntry }
  | { status: 'miss' }
  | { status: 'corrupt'; reason: string; file: string };

/**
 * The on-disk response cache: one JSON file per entry, sharded by the first two hex digits of the key
 * (`cache/ab/abcdef….json`). Reads validate the entry; writes are atomic.
 */
export class DiskCache {
  constructor(readonly dir: string) {}

  /** Where the entry of `key` lives. */
  fileFor(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** Read and validate an entry. A missing file is a miss; an unreadable or malformed one is `corrupt`. */
  async read(key: string): Promise<CacheLookup> {
    const file = this.fileFor(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'miss' };
      return { status: 'corrupt', reason: `unreadable: ${(err as Error).message}`, file };
    }
    return parseEntryText(text, key, file);
  }

  /** Write an entry atomically; resolves once it is on disk under its final name. */
  async write(entry: CacheEntry): Promise<void> {
    await writeFileAtomic(this.fileFor(entry.key), `${JSON.stringify(entry, null, 1)}\n`);
  }

  /** Mark an entry as used now (its mtime), so `cache prune --older-than` keeps what runs still use. */
  async touch(key: string): Promise<void> {
    const now = new Date();
    await utimes(this.fileFor(key), now, now).catch(() => undefined);
  }
}

/** Parse the text of an entry file for `key`. */
export function parseEntryText(text: string, key: string, file: string): CacheLookup {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { status: 'corrupt', reason: `not valid JSON (${(err as Error).message})`, file };
  }
  const checked = validateEntry(data, key);
  return checked.ok ? { status: 'hit', entry: checked.entry } : { status: 'corrupt', reason: checked.reason, file };
}
