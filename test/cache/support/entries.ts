import type { CacheEntry } from '../../../src/cache/cache-entry.js';
import { CACHE_FORMAT_VERSION, cacheKey } from '../../../src/cache/cache-key.js';

/** A valid chat cache entry for the request "content". */
export function makeEntry(content: string, endpoint = 'http://127.0.0.1:1/v1'): CacheEntry {
  const body = { model: 'm', messages: [{ role: 'user', content }], temperature: 0 };
  return {
    format: CACHE_FORMAT_VERSION,
    key: cacheKey({ endpoint, kind: 'chat', body }),
    kind: 'chat',
    createdAt: new Date().toISOString(),
    stage: 'test',
    request: { endpoint, body },
    reply: { content: `answer to ${content}`, toolCalls: [], finishReason: 'stop', refusal: null },
    usage: { promptTokens: 3, completionTokens: 4 },
    latencyMs: 1,
    attempts: 1,
  };
}
