import { cacheKey } from '../cache/cache-key.js';
import type { RequestParams } from './request-shape.js';
import type { ResponseCache } from './response-cache.js';
import { METHOD_ORDER, type ChatBody, type WireMethod } from './structured-method.js';

export interface ShapedBody {
  body: ChatBody;
  method: WireMethod | null;
}

/**
 * In replay mode, the request shape the original run used: the current one when its entry is cached,
 * else the first cached among the other shapes that run could have adapted to (each structured
 * method, each parameter variant). Nothing is sent in replay, so this is how an adapted run replays.
 */
export async function replayShape(
  cache: ResponseCache,
  key: (body: ChatBody) => string,
  current: ShapedBody,
  build: (method: WireMethod | null, params: RequestParams) => ShapedBody,
  methods: readonly (WireMethod | null)[],
): Promise<ShapedBody> {
  if (await cache.peek(key(current.body))) return current;
  for (const method of methods) {
    for (const params of PARAM_VARIANTS) {
      const candidate = build(method, params);
      if (await cache.peek(key(candidate.body))) return candidate;
    }
  }
  return current;
}

const PARAM_VARIANTS: RequestParams[] = (['max_tokens', 'max_completion_tokens'] as const).flatMap((tokensField) =>
  [true, false].flatMap((temperature) => [true, false].map((seed) => ({ tokensField, temperature, seed }))),
);

export const STRUCTURED_METHODS: readonly WireMethod[] = METHOD_ORDER;

/** The cache key of a chat body for this endpoint. */
export function chatKey(endpoint: string, sample: number | undefined): (body: ChatBody) => string {
  return (body) => cacheKey({ endpoint, kind: 'chat', body, sample });
}
