import { createHash } from 'node:crypto';
import { canonicalJSON } from './canonical-json.js';
import { cacheKey } from './cache-key.js';
import type { CacheEntry } from './cache-entry.js';

/** Prefix of the digest stored in an entry, naming its algorithm. */
const DIGEST_PREFIX = 'sha256:';

/**
 * The digest of everything an entry serves: its kind, the reply (or vector), the value parsed from it
 * and its usage. Stored with the entry when it is written and checked on every read, so an answer
 * edited (or damaged) after it was written is not served.
 */
export function entryDigest(entry: CacheEntry): string {
  const served = { kind: entry.kind, reply: entry.reply, embedding: entry.embedding, parsed: entry.parsed, usage: entry.usage };
  return DIGEST_PREFIX + createHash('sha256').update(canonicalJSON(served)).digest('hex');
}

export type IntegrityCheck = { ok: true; sealed: boolean } | { ok: false; reason: string };

/**
 * Check an entry read from the file of `key`: its stored request must hash to that key (else it would
 * answer another request) and its reply must match the digest stored with it. An entry written by a
 * litrev older than digests has none: it is accepted when its request hashes right (`sealed: false`),
 * and the cache seals it on that read.
 */
export function checkIntegrity(entry: CacheEntry, key: string): IntegrityCheck {
  const expected = cacheKey({ endpoint: entry.request.endpoint, kind: entry.kind, body: entry.request.body, sample: entry.request.sample });
  if (expected !== key) return { ok: false, reason: 'stored request does not hash to the entry key (the entry answers another request)' };
  if (entry.digest === undefined) return { ok: true, sealed: false };
  if (entry.digest !== entryDigest(entry)) return { ok: false, reason: 'stored reply does not match its digest (edited or damaged after it was written)' };
  return { ok: true, sealed: true };
}
