import type { CacheMode } from '../config/schema.js';
import { CacheMissError, ConfigError } from '../errors.js';
import type { CacheEntry } from '../cache/cache-entry.js';
import type { DiskCache } from '../cache/disk-cache.js';
import type { ModelEvent } from './types.js';

/** What a fetch hands back: the entry, and whether it may be stored (errors and empty replies may not). */
export interface Fetched {
  entry: CacheEntry;
  store: boolean;
}

export interface Resolved {
  entry: CacheEntry;
  /** Served without a request of its own: from disk, or shared with an identical request in flight. */
  cached: boolean;
}

/**
 * The cache modes over a DiskCache, plus de-duplication: identical requests in flight at the same
 * time are sent once (the others share the answer). Each fetched entry is on disk before it is
 * returned, so a process killed afterwards loses nothing it had received.
 *
 * - readwrite: read, fetch on a miss, write.
 * - replay: read only; a miss (or a corrupt entry) throws CacheMissError and nothing is sent.
 * - refresh: fetch each key once per gateway and overwrite; later identical requests read that answer.
 * - off: no disk at all.
 */
/**
 * Requests in flight, per cache folder and mode, shared by every gateway of the process: the runs
 * of a matrix (one gateway each) that send an identical request at the same time pay for it once.
 * Entries leave the map when they settle, so it holds only what is in flight.
 */
const inflightByDir = new Map<string, Map<string, Promise<Resolved>>>();

export class ResponseCache {
  private readonly inflight: Map<string, Promise<Resolved>>;
  private readonly refreshed = new Set<string>();
  private readonly pendingIO = new Set<Promise<unknown>>();

  private joinedNow = 0;

  constructor(
    private readonly store: DiskCache,
    readonly mode: CacheMode,
    private readonly emit: (event: ModelEvent) => void,
    /** Hears each request that starts waiting for an identical one in flight (it brings no reply of its own). */
    private readonly onJoined: () => void = () => undefined,
  ) {
    // Shared by gateways of the same folder and mode (a refresh must not join a readwrite lookup).
    const id = `${store.dir}\0${mode}`;
    const shared = inflightByDir.get(id);
    this.inflight = shared ?? new Map();
    if (!shared) inflightByDir.set(id, this.inflight);
  }

  /** Resolve `key` from the cache or by `fetch`. `describe` names the request for a replay miss. */
  resolve(key: string, describe: () => string, fetch: () => Promise<Fetched>): Promise<Resolved> {
    const shared = this.inflight.get(key);
    if (shared) {
      this.joinedNow++;
      this.onJoined();
      return shared.then((r) => ({ entry: r.entry, cached: true })).finally(() => this.joinedNow--);
    }
    const p = this.lookupOrFetch(key, describe, fetch).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  /** Requests waiting now for an identical request in flight (this gateway's or another's of the same cache folder). */
  get joined(): number {
    return this.joinedNow;
  }

  /** Read an entry without fetching (null on a miss or a corrupt entry, which is reported). */
  async peek(key: string): Promise<CacheEntry | null> {
    if (this.mode === 'off' || (this.mode === 'refresh' && !this.refreshed.has(key))) return null;
    const found = await this.store.read(key);
    if (found.status === 'hit') return found.entry;
    if (found.status === 'corrupt') this.emit({ type: 'cache-corrupt', cacheKey: key, reason: found.reason });
    return null;
  }

  /** Store an entry fetched outside `resolve` (embeddings), honouring the mode. */
  async put(entry: CacheEntry): Promise<void> {
    if (this.mode === 'off' || this.mode === 'replay') return;
    await this.write(entry);
    this.refreshed.add(entry.key);
  }

  /** Wait for background cache I/O (last-use times). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.pendingIO]);
  }

  private async lookupOrFetch(key: string, describe: () => string, fetch: () => Promise<Fetched>): Promise<Resolved> {
    const readFirst = this.mode === 'readwrite' || this.mode === 'replay' || (this.mode === 'refresh' && this.refreshed.has(key));
    if (readFirst) {
      const found = await this.store.read(key);
      if (found.status === 'hit') {
        this.track(this.store.touch(key));
        return { entry: found.entry, cached: true };
      }
      if (found.status === 'corrupt') this.emit({ type: 'cache-corrupt', cacheKey: key, reason: found.reason });
      if (this.mode === 'replay') throw new CacheMissError(key, `${found.status === 'corrupt' ? 'corrupt entry for ' : ''}${describe()}`);
    }
    const fetched = await fetch();
    if (fetched.store && this.mode !== 'off') {
      await this.write(fetched.entry);
      this.refreshed.add(key);
    }
    return { entry: fetched.entry, cached: false };
  }

  private async write(entry: CacheEntry): Promise<void> {
    try {
      await this.store.write(entry);
    } catch (err) {
      throw new ConfigError(`cannot write the cache entry ${this.store.fileFor(entry.key)}: ${(err as Error).message}`, 'check that the cache folder (--cache-dir) is writable and the disk not full');
    }
  }

  private track(p: Promise<unknown>): void {
    this.pendingIO.add(p);
    void p.finally(() => this.pendingIO.delete(p));
  }
}
