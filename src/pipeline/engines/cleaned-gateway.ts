import { cleanModelText, cleanModelValue } from '../../format/model-text.js';
import type { ModelGateway, StructuredRequest, StructuredResult, TextRequest, TextResult } from '../../model/types.js';

/**
 * The gateway as the review stages see it: every value a structured reply gives and every text reply is cleaned
 * of escape sequences, control characters and bidi controls (format/model-text.ts) where it enters the review, so
 * annotations, category names and prose hold none, and no file written from them does. The raw reply stays in the
 * cache as it came.
 */
export function cleanedGateway(gateway: ModelGateway): ModelGateway {
  const structured = async <T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> => {
    const res = await gateway.structured(request);
    return res.ok ? { ...res, value: cleanModelValue(res.value) } : res;
  };
  const text = async (request: TextRequest): Promise<TextResult> => {
    const res = await gateway.text(request);
    return { ...res, text: cleanModelText(res.text) };
  };
  return new Proxy(gateway, {
    get(target, prop, receiver) {
      if (prop === 'structured') return structured;
      if (prop === 'text') return text;
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
