import { readFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { validateEntry, type CacheEntry } from './cache-entry.js';
import { checkIntegrity, entryDigest } from './entry-integrity.js';

export type CacheLookup =
  /** `sealed` is false for an entry written before digests existed (accepted: its request hashes right). */
  | { status: 'hit'; entry: CacheEntry; sealed: boolean }
  | { status: 'miss' }
  | { status: 'corrupt'; reason: string; file: string };

/**
 * The on-disk response cache: one JSON file per entry, sharded by the first two hex digits of the key
 * (`cache/ab/abcdef….json`). Every read validates the entry and checks its integrity (the stored request
 * hashes to the key, the reply matches its digest); writes are durable and atomic and store the digest.
 */
export class DiskCache {
  constructor(readonly dir: string) {}

  /** Where the entry of `key` lives. */
  fileFor(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /**
   * Read and check an entry. A missing file is a miss; an unreadable, malformed or tampered one is
   * `corrupt`. An entry from before digests is sealed (rewritten with its digest) on this read, best effort.
   */
  async read(key: string): Promise<CacheLookup> {
    const file = this.fileFor(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'miss' };
      return { status: 'corrupt', reason: `unreadable: ${(err as Error).message}`, file };
    }
    const found = parseEntryText(text, key, file);
    if (found.status === 'hit' && !found.sealed) await this.write(found.entry).catch(() => undefined);
    return found;
  }

  /** Write an entry (with its digest) durably and atomically; resolves once it is on disk under its final name. */
  async write(entry: CacheEntry): Promise<void> {
    const { digest: _old, ...rest } = entry;
    const sealed: CacheEntry = { ...rest, digest: entryDigest(rest) };
    await writeFileAtomic(this.fileFor(entry.key), `${JSON.stringify(sealed, null, 1)}\n`);
  }

  /** Mark an entry as used now (its mtime), so `cache prune --older-than` keeps what runs still use. */
  async touch(key: string): Promise<void> {
    const now = new Date();
    await utimes(this.fileFor(key), now, now).catch(() => undefined);
  }
}

/** Parse the text of an entry file for `key`. */
export function parseEntryText(text: string, key: string, file: string): Exclude<CacheLookup, { status: 'miss' }> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { status: 'corrupt', reason: `not valid JSON (${(err as Error).message})`, file };
  }
  const checked = validateEntry(data, key);
  if (!checked.ok) return { status: 'corrupt', reason: checked.reason, file };
  const integrity = checkIntegrity(checked.entry, key);
  if (!integrity.ok) return { status: 'corrupt', reason: integrity.reason, file };
  return { status: 'hit', entry: checked.entry, sealed: integrity.sealed };
}
