import { createHash } from 'node:crypto';
import { canonicalJSON } from './canonical-json.js';

/**
 * Version of the cache entry format and of the key derivation. Bump it whenever the request body
 * that litrev builds for the same logical request changes shape: old entries then simply miss.
 */
export const CACHE_FORMAT_VERSION = 1;

/**
 * Everything that determines an answer. `body` is the request body as sent to the endpoint
 * (model, messages, sampling parameters, response_format / tools / tool_choice), without transport
 * details (stream flags) and never with headers, so the API key cannot enter it.
 */
export interface CacheKeyInput {
  /** Endpoint identity: the base URL without credentials or query. */
  endpoint: string;
  /** `chat` for chat completions, `embedding` for one embedded text. */
  kind: 'chat' | 'embedding';
  body: Record<string, unknown>;
  /** --repeat sample number; only part of the key when > 0. */
  sample?: number;
}

/** sha256 (hex) of the canonical JSON of the versioned request description. */
export function cacheKey(input: CacheKeyInput): string {
  const material = {
    format: CACHE_FORMAT_VERSION,
    endpoint: input.endpoint,
    kind: input.kind,
    body: input.body,
    ...(input.sample !== undefined && input.sample > 0 ? { sample: input.sample } : {}),
  };
  return createHash('sha256').update(canonicalJSON(material)).digest('hex');
}

/** A valid key: 64 lowercase hex characters. */
export function isCacheKey(s: string): boolean {
  return /^[0-9a-f]{64}$/.test(s);
}
