import type { Config } from '../config/schema.js';
import { redactURL } from '../config/load.js';
import type { CapabilityRecord } from './capabilities.js';
import { classifyError } from './classify-error.js';
import { discoverWindow, discoveryDeadline } from './discover-limits.js';
import type { RateLimitsSeen } from './rate-governor.js';
import { adaptParams, defaultParams, type RequestParams } from './request-shape.js';
import { textBody } from './structured-method.js';
import type { Transport } from './transport.js';
import type { EndpointLimits } from './types.js';

/** What `doctor` learns of the endpoint's limits and accepted parameters. */
export interface LimitsReport extends EndpointLimits {
  /** Parameters a plain request is accepted with (adapted from 400s when needed). */
  params: RequestParams;
  /** What had to change for the endpoint to accept a request. */
  adapted: string[];
  /** Rate limits read from the endpoint's headers during the probes (filled in by the caller). */
  rateLimits: RateLimitsSeen | null;
}

/**
 * The context window (configured, published by the server, or learned by earlier runs), the output
 * cap, and the request parameters the endpoint accepts, found with a small text request adapted
 * once per 400 (as runs do).
 */
export async function probeLimits(transport: Transport, config: Config, model: string, remembered: CapabilityRecord | null): Promise<LimitsReport> {
  const published = config.model.contextWindow === undefined ? await discoverWindow(transport, config.model.baseURL, model, discoveryDeadline(config.model.timeoutMs)) : null;
  const r = remembered?.limits;
  const window: Pick<EndpointLimits, 'contextWindow' | 'contextSource'> =
    config.model.contextWindow !== undefined
      ? { contextWindow: config.model.contextWindow, contextSource: 'config' }
      : published !== null
        ? { contextWindow: published, contextSource: 'published' }
        : { contextWindow: r?.contextWindow ?? null, contextSource: r?.contextSource ?? null };
  const output: Pick<EndpointLimits, 'maxOutputTokens' | 'outputSource'> =
    config.model.maxTokens !== undefined ? { maxOutputTokens: config.model.maxTokens, outputSource: 'config' } : { maxOutputTokens: r?.maxOutputTokens ?? null, outputSource: r?.outputSource ?? null };
  const { params, adapted } = await acceptedParams(transport, config, model, remembered?.params ?? defaultParams(model));
  return { ...window, ...output, params, adapted, rateLimits: null };
}

async function acceptedParams(transport: Transport, config: Config, model: string, start: RequestParams): Promise<{ params: RequestParams; adapted: string[] }> {
  let params = start;
  const adapted: string[] = [];
  const base = { model, messages: [{ role: 'user' as const, content: 'Say "ok".' }], temperature: config.model.temperature, maxTokens: 16, ...(config.model.seed === undefined ? {} : { seed: config.model.seed }) };
  for (let i = 0; i < 4; i++) {
    try {
      await transport.chat(textBody(base, params));
      return { params, adapted };
    } catch (err) {
      const cls = classifyError(err, { endpoint: redactURL(config.model.baseURL), model });
      const next = cls.type === 'shape' && cls.param !== null ? adaptParams(params, cls.param, cls.message) : null;
      if (!next || cls.type !== 'shape') return { params, adapted };
      adapted.push(`${cls.param}: ${cls.message}`);
      params = next;
    }
  }
  return { params, adapted };
}
