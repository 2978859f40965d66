import type { z } from 'zod';
import type { BatchStatusEvent } from './batch/batch-events.js';
import type { ConcurrencyState } from './concurrency-limiter.js';
import type { RateLimitsSeen } from './rate-governor.js';

/** The contract between the model layer and everything that uses it (pipeline stages, ask, chat). */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

/** Why a structured reply was rejected. */
export type OutputFailureKind = 'invalid-json' | 'schema' | 'truncated' | 'refusal' | 'empty' | 'ids';

export interface StructuredRequest<T> {
  /** Pipeline stage, for accounting and events (classify, taxonomy, synthesize, screen, answer...). */
  stage: string;
  /** Name of the schema as sent to the endpoint (json_schema name / tool name), [a-zA-Z0-9_-]. */
  schemaName: string;
  schema: z.ZodType<T>;
  messages: ChatMessage[];
  /** --repeat: sample number; 0 (default) is the ordinary request. Part of the cache key when > 0. */
  sample?: number;
  maxTokens?: number;
  /** Send maxTokens even above an output cap learned from replies (which can be wrong): a last try with more room. */
  beyondLearnedCap?: boolean;
  signal?: AbortSignal;
}

export type StructuredResult<T> =
  | { ok: true; value: T; raw: string; cacheKey: string; cached: boolean; usage: Usage }
  | { ok: false; kind: OutputFailureKind; error: string; raw: string; cacheKey: string; cached: boolean; usage: Usage };

export interface TextRequest {
  stage: string;
  messages: ChatMessage[];
  sample?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  /** Streamed deltas as they arrive (also replayed from the cache on a hit). */
  onToken?: (delta: string) => void;
}

export interface TextResult {
  text: string;
  cacheKey: string;
  cached: boolean;
  usage: Usage;
}

export interface Accounting {
  /** Requests actually sent to the endpoint, retries included. */
  calls: number;
  /** Answers served from the cache. */
  cacheHits: number;
  promptTokens: number;
  completionTokens: number;
  /** Cost of the requests sent, in USD; null when the model has no known price. */
  costUSD: number | null;
  retries: number;
  /** Requests that failed for good (after retries). */
  failures: number;
  /** Every cache key used, in first-use order (for run.json). */
  cacheKeys: string[];
  /** What the answers served from the cache cost when they were first fetched (not spent again). */
  cached?: { promptTokens: number; completionTokens: number; costUSD: number | null };
  /** Structured replies that did not parse or validate (each also an `output-invalid` event). */
  invalidOutputs?: number;
  /** Requests in flight allowed now (adaptive: grows while latency stays flat, shrinks on 429s, 5xx and rising latency). */
  concurrency?: number;
}

export type ModelEvent =
  | { type: 'request-started'; stage: string; cacheKey: string }
  | {
      type: 'request-finished';
      stage: string;
      cacheKey: string;
      cached: boolean;
      usage: Usage;
      costUSD: number | null;
      latencyMs: number;
    }
  | { type: 'retry'; stage: string; attempt: number; reason: string; delayMs: number }
  | { type: 'concurrency-changed'; concurrency: number; reason: string }
  | { type: 'cache-corrupt'; cacheKey: string; reason: string }
  | { type: 'output-invalid'; stage: string; kind: OutputFailureKind; error: string }
  /** Requests wait for the endpoint's rate limit until `until` (epoch ms). */
  | { type: 'rate-limit-wait'; until: number; reason: string }
  /** A limit of the endpoint became known (published or learned): said once, with what to do about it. */
  | { type: 'limits-learned'; limits: EndpointLimits; message: string }
  /** The request shape was adapted to what the endpoint accepts (a parameter dropped or renamed, another structured method). */
  | { type: 'request-adapted'; change: string }
  /** Worth telling the user, not an error (e.g. a reply with invalid usage counted with litrev's estimate). */
  | { type: 'warning'; message: string }
  | BatchStatusEvent;

/**
 * What is known of the endpoint's limits for this model: configured (LITREV_CONTEXT_WINDOW,
 * LITREV_MAX_TOKENS), published by the server, or learned from its replies during the run.
 */
export interface EndpointLimits {
  /** Context window in the server's tokens (prompt + completion); null while unknown. */
  contextWindow: number | null;
  contextSource: 'config' | 'published' | 'learned' | null;
  /** The largest completion the endpoint returns, in tokens; null while unknown. */
  maxOutputTokens: number | null;
  outputSource: 'config' | 'published' | 'learned' | null;
}

/** What the model layer knows of its endpoint now: for `doctor` and run.json. */
export interface EndpointState {
  endpoint: string;
  model: string;
  limits: EndpointLimits;
  /** Server tokens per litrev-estimated token, calibrated from reported usage. */
  tokenRatio: number;
  /** The structured-output method requests use now. */
  structuredMethod: string;
  /** Request parameters sent: the output-limit field, and whether temperature and seed are sent. */
  params: { tokensField: 'max_tokens' | 'max_completion_tokens'; temperature: boolean; seed: boolean };
  /** Adaptations made to what the endpoint accepts, in order. */
  adapted: string[];
  /** Rate limits read from the endpoint's headers, and the pace litrev keeps. */
  rateLimits: RateLimitsSeen;
  /** Requests in flight at once: start, ceiling, the limit now and its changes over the run. */
  concurrency?: ConcurrencyState;
}

/** A configured model endpoint with cache, scheduler, retries and accounting behind it. */
export interface ModelGateway {
  readonly modelName: string;
  /** The endpoint's base URL without credentials. */
  readonly endpoint: string;
  structured<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>>;
  text(request: TextRequest): Promise<TextResult>;
  /** Embeddings through /v1/embeddings; null when the endpoint has none. */
  embed(texts: string[], signal?: AbortSignal): Promise<number[][] | null>;
  accounting(): Accounting;
  /** The limits known now; they can tighten as the run learns them. */
  limits(): EndpointLimits;
  /** Prompt tokens of these messages as the endpoint will count them (litrev's estimate, calibrated by the usage replies report). */
  countTokens(messages: ChatMessage[]): number;
  /** countTokens with today's calibration frozen: later replies do not move what it counts. */
  tokenCounter(): (messages: ChatMessage[]) => number;
  /**
   * Learn what the endpoint publishes about its limits (its context window), once; the first request
   * would otherwise do it. Never rejects; a no-op in replay or when the window is configured.
   */
  discoverLimits(): Promise<void>;
  onEvent(listener: (event: ModelEvent) => void): () => void;
  /** What is known of the endpoint (limits, parameters, method, rate limits); absent for engines without one. */
  endpointState?(): EndpointState;
  /** Wait for in-flight cache writes; call before exit. */
  close(): Promise<void>;
}
