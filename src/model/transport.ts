import type OpenAI from 'openai';
import type { ChatReply } from '../cache/cache-entry.js';
import { createModelFetch } from './model-fetch.js';
import { MalformedReplyError, ReplyTooLargeError } from './model-errors.js';
import { readBounded } from './read-bounded.js';
import { readChatCompletion, readStream, type ReplyUsage } from './read-reply.js';
import type { ChatBody } from './structured-method.js';

/** Sent as the key to endpoints that need none (Ollama, llama.cpp...): the SDK insists on one. Never stored. */
export const PLACEHOLDER_API_KEY = 'litrev-no-key';

export interface TransportOptions {
  baseURL: string;
  apiKey?: string;
  /** Deadline of a whole exchange, body included. */
  timeoutMs: number;
  /** Longest silence within a body (default: the smaller of timeoutMs and 60 s). */
  idleTimeoutMs?: number;
  /** Every HTTP response's status and headers (the rate governor reads them). */
  onResponse?: (status: number, headers: Headers) => void;
}

export interface ChatOptions {
  stream?: boolean;
  onToken?: (delta: string) => void;
  /** Bytes of reply accepted at most (default 8 MB). */
  maxBytes?: number;
  /** Aborts the request even while its reply is arriving (Esc in chat, Ctrl-C, SIGTERM). */
  signal?: AbortSignal;
}

export interface ChatResponse {
  reply: ChatReply;
  /** Null when the endpoint reported no usage, or usage that is not non-negative integers (`usageInvalid`). */
  usage: ReplyUsage | null;
  usageInvalid: boolean;
}

/** A model listed by GET /models, with the fields some servers add (vLLM's max_model_len). */
export interface ListedModel {
  id: string;
  [field: string]: unknown;
}

/** One HTTP attempt at a time; no retries (the gateway owns the retry policy). */
export interface Transport {
  chat(body: ChatBody, options?: ChatOptions): Promise<ChatResponse>;
  listModels(signal?: AbortSignal): Promise<ListedModel[]>;
  embed(model: string, input: string[]): Promise<{ vectors: number[][]; promptTokens: number | null }>;
  /** GET (or POST with `body`) a JSON document at an absolute URL on the endpoint's server; null for a non-2xx. */
  fetchJSON(url: string, body?: unknown, signal?: AbortSignal): Promise<unknown>;
}

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/**
 * The HTTP layer: the `openai` SDK for every call (chat, streaming, tools, json_object,
 * json_schema, models, embeddings), with `maxRetries: 0` and a fetch that enforces deadlines and
 * refuses cross-origin redirects. Chat replies are read raw (`asResponse()`), size-bounded, parsed
 * once and checked, so the status, headers, usage, finish_reason and text of every reply are at hand.
 * The SDK is imported on first use.
 */
export async function createTransport(options: TransportOptions): Promise<Transport> {
  const { default: OpenAIClass } = await import('openai');
  const apiKey = options.apiKey ?? PLACEHOLDER_API_KEY;
  const fetch = createModelFetch({ timeoutMs: options.timeoutMs, idleTimeoutMs: options.idleTimeoutMs ?? Math.min(options.timeoutMs, 60_000), onResponse: options.onResponse });
  // The SDK's own timeout is a backstop behind the fetch's deadlines.
  const client = new OpenAIClass({ apiKey, baseURL: options.baseURL, maxRetries: 0, timeout: options.timeoutMs + 1000, fetch, logLevel: 'off' });

  return {
    async chat(body, opts = {}) {
      const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
      // A signal of this request's own: the SDK and the fetch listen to it, not to the run's one signal that every
      // request in flight shares (past 10 listeners on one signal Node warns: MaxListenersExceededWarning).
      opts = opts.signal ? { ...opts, signal: AbortSignal.any([opts.signal]) } : opts;
      if (opts.stream) {
        const params = { ...(body as unknown as OpenAI.ChatCompletionCreateParamsStreaming), stream: true as const, stream_options: { include_usage: true } };
        const { data } = await client.chat.completions.create(params, { signal: opts.signal }).withResponse();
        return readStream(data, maxBytes, opts.onToken);
      }
      const params = { ...(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming), stream: false as const };
      const res = await client.chat.completions.create(params, { signal: opts.signal }).asResponse();
      const text = await readBounded(res, maxBytes);
      return readChatCompletion(text, res.headers.get('content-type'));
    },
    async listModels(signal) {
      const page = await client.models.list(signal ? { signal } : undefined);
      return page.data.map((m) => m as unknown as ListedModel);
    },
    async embed(model, input) {
      const res = await client.embeddings.create({ model, input, encoding_format: 'float' });
      if (!Array.isArray(res?.data)) throw new MalformedReplyError('the embeddings reply has no data list');
      const vectors = [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      const pt = res.usage?.prompt_tokens;
      return { vectors, promptTokens: typeof pt === 'number' && Number.isSafeInteger(pt) && pt >= 0 ? pt : null };
    },
    async fetchJSON(url, body, signal) {
      const init: RequestInit = body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
      const headers = new Headers(init.headers);
      if (options.apiKey) headers.set('authorization', `Bearer ${options.apiKey}`);
      const res = await fetch(url, { ...init, headers, ...(signal ? { signal } : {}) });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        return null;
      }
      try {
        return JSON.parse(await readBounded(res, 1024 * 1024)) as unknown;
      } catch (err) {
        if (err instanceof ReplyTooLargeError) return null;
        return null;
      }
    },
  };
}
