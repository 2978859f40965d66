import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createBatchRoutes, type BatchRouteOptions, type BatchRoutes } from './batch-routes.js';
import { describeChat, type ChatAnswer, type ChatHandler, type ChatRequestInfo } from './chat-request.js';
import { cutPoint, isHuge, isMalformed, trickling, writeHuge, writeMalformed, type FaultOptions } from './server-faults.js';
import { CapacityLimit } from './server-capacity.js';
import { capOutput, fence, promptTokensOf, requestedOutput, ruleError, tokenizedPrompt, truncateToWindow, type ModelRuleOptions } from './server-model-rules.js';
import { modelEntries, publishedRoute, type PublishStyle } from './server-publish.js';
import { TokenBucketLimiter, type RateLimitOptions } from './server-rate-limit.js';
import { writeChatAnswer } from './write-chat-answer.js';
import { listenOnFreshPort } from './ports.js';
import { trackedWait } from './tracked-wait.js';

export type { ChatAnswer, ChatHandler, ChatRequestInfo } from './chat-request.js';
export type { MalformedKind } from './server-faults.js';
export type { PublishStyle } from './server-publish.js';
export { schemaInstance } from './schema-instance.js';

/** Every request the server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (null for GET or a body that is not JSON). */
  body: Record<string, unknown> | null;
  /** Date.now() when the request was complete. */
  receivedAt: number;
  /** Date.now() when the answer was fully sent (unset while pending, or when the connection was dropped). */
  answeredAt?: number;
}

/**
 * Each behaviour of real endpoints is an option (see the files they come from): a token-bucket rate
 * limit with x-ratelimit-* headers (`rateLimit`), a context window that errors or truncates silently
 * (`contextWindow`), an output cap (`outputCap`), reasoning-model parameter rules (`reasoning`,
 * `rejectParams`), JSON in Markdown fences (`fencedJson`), published context windows (`publish`),
 * malformed 200s, trickling bodies and cross-origin redirects (`malformed`, `trickle`, `redirectTo`).
 */
/** The thinking a `thinking` server writes before every content answer. */
const THINKING = '<think>\nThe user wants JSON shaped like {"items": [{"id": "..."}]}; check each [paper] in turn.\n</think>\n\n';

export interface OpenAIServerOptions extends ModelRuleOptions, FaultOptions {
  rateLimit?: RateLimitOptions;
  /** JSON answers wrapped in a ```json fence (json_schema / json_mode content). */
  fencedJson?: boolean;
  /**
   * Accept `response_format: json_schema` and ignore it, as Anthropic's OpenAI compatibility layer does:
   * the model never sees the schema and writes its JSON in a shape of its own (here: the top-level
   * wrapper object left out, after a line of prose). Tools and json_object are honoured.
   */
  ignoreResponseFormat?: boolean;
  /** Content answers start with a `<think>` block (with braces and brackets in it), as a reasoning model served without a reasoning parser writes. */
  thinking?: boolean;
  /** Publish the context window (`contextWindow.tokens`, or `publishedWindow`) the way this kind of server does. */
  publish?: PublishStyle;
  publishedWindow?: number;
  /** Delay before every accepted chat/embeddings answer. */
  latencyMs?: number;
  /** Accepted chat + embeddings requests per sliding second; past it: 429 with retry-after(-ms). Rejected requests do not count. */
  rateLimitPerSecond?: number;
  /** Models listed by GET /v1/models; when given, requests for other models get 404 model_not_found. Default: ['test-model'], any model accepted. */
  models?: string[];
  /** When set, requests must carry `Authorization: Bearer <apiKey>` or get 401. */
  apiKey?: string;
  /** Turn features off (each answers 400, embeddings 404): all on by default. */
  supports?: { jsonSchema?: boolean; tools?: boolean; jsonObject?: boolean; streaming?: boolean; embeddings?: boolean };
  /** Dimensions of the deterministic embedding vectors (default 8). */
  embeddingDimensions?: number;
  handler?: ChatHandler;
  /** The Files and Batch APIs (test/support/batch-routes.ts): status timings, failing lines, expiry. */
  batch?: BatchRouteOptions;
  /** Routes (`GET /props`, `GET /v1/models`, ...) that are never answered: a proxy that holds unknown paths open. */
  hangRoutes?: string[];
  /** Chat requests worked on at once (each taking `latencyMs`); the rest wait in arrival order (test/support/server-capacity.ts). */
  capacity?: number;
  /**
   * Report usage as a real endpoint counts it, with this tokenizer (e.g. js-tiktoken's o200k; see tokenizedPrompt);
   * completions by the same tokenizer. Default: chars / 4.
   */
  tokenizer?: (text: string) => number;
}

export interface OpenAIServer {
  /** http://127.0.0.1:PORT/v1 */
  url: string;
  /** http://127.0.0.1:PORT/moved/v1: every request there is redirected (307) to the same path under /v1 (same origin). */
  movedURL: string;
  /** Chat requests whose prompt the model saw only in part (`contextWindow.mode: 'truncate'`). */
  truncatedPrompts: number;
  /** With `capacity`: the most chat requests worked on at once, and the longest queue. */
  capacityUse: { peak: number; queuedPeak: number } | null;
  requests: RecordedRequest[];
  /** The chat-completion requests only. */
  chatRequests(): RecordedRequest[];
  setHandler(handler: ChatHandler | undefined): void;
  batchApi: BatchRoutes;
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible HTTP server for tests (node:http on 127.0.0.1, a free port): chat completions
 * (json_schema, tools, json_object, text; `stream: true` as SSE with a usage chunk), /models,
 * /embeddings. A handler decides each chat answer and can inject faults: status codes with headers,
 * dropped connections, delays, hangs, truncated or arbitrary content.
 */
export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const requests: RecordedRequest[] = [];
  let handler: ChatHandler | undefined = options.handler;
  let chatCount = 0;
  const accepted: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const supports = { jsonSchema: true, tools: true, jsonObject: true, streaming: true, embeddings: true, ...options.supports };
  const bucket = options.rateLimit ? new TokenBucketLimiter(options.rateLimit) : null;
  const window = options.publishedWindow ?? options.contextWindow?.tokens;
  let truncatedPrompts = 0;
  const capacity = options.capacity !== undefined ? new CapacityLimit(options.capacity) : null;

  const wait = trackedWait(timers);

  const rateLimited = (): number | null => {
    const limit = options.rateLimitPerSecond;
    if (!limit) return null;
    const now = Date.now();
    while (accepted.length > 0 && accepted[0]! <= now - 1000) accepted.shift();
    if (accepted.length >= limit) return Math.max(1, accepted[0]! + 1000 - now);
    accepted.push(now);
    return null;
  };

  /** Rate-limit headers for an accepted request, or null after a 429 was sent. */
  const guard = (req: RecordedRequest, res: ServerResponse, model: unknown, tokens = 0): Record<string, string> | null => {
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      sendError(res, 401, { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' });
      return null;
    }
    if (options.models && typeof model === 'string' && !options.models.includes(model)) {
      sendError(res, 404, { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', code: 'model_not_found' });
      return null;
    }
    if (bucket) {
      const decision = bucket.take(tokens);
      if (decision.rejected) {
        sendError(res, 429, { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' }, decision.rejected);
        return null;
      }
      return decision.headers;
    }
    const waitMs = rateLimited();
    if (waitMs !== null) {
      sendError(res, 429, { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' }, {
        'retry-after-ms': String(waitMs),
        'retry-after': String(Math.ceil(waitMs / 1000)),
      });
      return null;
    }
    return {};
  };

  const onChat = async (rec: RecordedRequest, res: ServerResponse, httpReq: IncomingMessage) => {
    const body = rec.body ?? {};
    const sent = describeChat(body, 0);
    const limitHeaders = guard(rec, res, body.model, promptTokensOf(sent.messages) + (requestedOutput(body) ?? 0));
    if (!limitHeaders) return;
    const index = chatCount++;
    const rejected = ruleError(body, sent.messages, options);
    if (rejected) return sendError(res, 400, { message: rejected.message, type: 'invalid_request_error', code: rejected.code, param: rejected.param });
    const seen = truncateToWindow(sent.messages, body, options);
    if (seen.truncated) truncatedPrompts++;
    const info = describeChat({ ...body, messages: seen.messages }, index);
    const unsupported = unsupportedFeature(info, supports);
    if (unsupported) return sendError(res, 400, { message: unsupported, type: 'invalid_request_error', code: 'unsupported_parameter', param: unsupported.match(/'(\w+)'/)?.[1] ?? null });
    let answer: ChatAnswer = (await handler?.(info)) ?? info.defaultAnswer();
    if (options.ignoreResponseFormat && info.method === 'json_schema' && 'json' in answer && answer.json !== undefined) answer = withoutTheSchema(answer.json);
    if ('hang' in answer) return;
    const release = capacity ? await capacity.acquire() : null;
    if (release) res.on('close', release);
    await wait((options.latencyMs ?? 0) + (answer.delayMs ?? 0));
    if (res.destroyed || httpReq.socket.destroyed) return;
    if (isHuge(index, options.huge)) return writeHuge(res, options.huge!.bytes);
    if ('drop' in answer) {
      httpReq.socket.destroy();
      return;
    }
    if ('status' in answer) return sendError(res, answer.status, answer.error ?? { message: `HTTP ${answer.status}`, type: 'server_error' }, answer.headers);
    if (isMalformed(index, options.malformed)) return writeMalformed(res, options.malformed!.kind);
    const out = options.trickle ? trickling(res, options.trickle, timers) : res;
    writeChatAnswer(out, info, answer, {
      headers: limitHeaders,
      promptTokens: options.tokenizer ? tokenizedPrompt(info, options.tokenizer) : promptTokensOf(info.messages, options.tokenScale),
      ...(options.tokenizer ? { completionTokens: options.tokenizer } : {}),
      cutAt: cutPoint(index, options.cutShort),
      cap: (text) => capOutput(text, body, options),
      ...(options.fencedJson ? { fence } : {}),
      ...(options.thinking ? { think: THINKING } : {}),
    });
  };

  const onEmbeddings = async (rec: RecordedRequest, res: ServerResponse) => {
    const body = rec.body ?? {};
    if (!supports.embeddings) return sendError(res, 404, { message: 'embeddings are not supported', type: 'invalid_request_error' });
    const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? '')];
    const limitHeaders = guard(rec, res, body.model, inputs.reduce((s, t) => s + Math.ceil(t.length / 4), 0));
    if (!limitHeaders) return;
    await wait(options.latencyMs ?? 0);
    const dims = options.embeddingDimensions ?? 8;
    const data = inputs.map((text, index) => ({ object: 'embedding', index, embedding: embeddingOf(text, dims) }));
    const tokens = inputs.reduce((s, t) => s + Math.ceil(t.length / 4), 0);
    sendJSON(options.trickle ? trickling(res, options.trickle, timers) : res, 200, { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } }, limitHeaders);
  };

  const batchApi = createBatchRoutes(options.batch, onChat);
  const server = createServer((httpReq, res) => {
    const chunks: Buffer[] = [];
    httpReq.on('data', (c: Buffer) => chunks.push(c));
    httpReq.on('end', () => {
      const fullPath = (httpReq.url ?? '/').split('?')[0]!;
      if (fullPath.startsWith('/moved/') || (options.redirectTo && fullPath.startsWith('/v1'))) {
        const target = fullPath.startsWith('/moved/') ? fullPath.slice('/moved'.length) : `${options.redirectTo!.replace(/\/+$/, '')}${fullPath}`;
        res.writeHead(307, { location: target, 'content-type': 'text/plain' });
        res.end(`moved to ${target}`);
        return;
      }
      const path = fullPath;
      const rec: RecordedRequest = { method: httpReq.method ?? 'GET', path, headers: httpReq.headers, body: parseBody(Buffer.concat(chunks).toString('utf8')), receivedAt: Date.now() };
      requests.push(rec);
      res.on('finish', () => {
        rec.answeredAt = Date.now();
      });
      const route = `${rec.method} ${path.replace(/\/+$/, '')}`.trim();
      const run = async () => {
        if (options.hangRoutes?.includes(route)) return;
        if (route === 'POST /v1/chat/completions') return onChat(rec, res, httpReq);
        if (route === 'POST /v1/embeddings') return onEmbeddings(rec, res);
        if (await batchApi.route(httpReq, res, Buffer.concat(chunks))) return;
        if (route === 'GET /v1/models') {
          if (options.apiKey !== undefined && rec.headers.authorization !== `Bearer ${options.apiKey}`) {
            return sendError(res, 401, { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' });
          }
          return sendJSON(res, 200, { object: 'list', data: modelEntries(options.models ?? ['test-model'], options.publish, window) });
        }
        const published = publishedRoute(route, rec.body, options.publish, options.models ?? ['test-model'], window);
        if (typeof published === 'string') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(published);
        if (published !== undefined) return sendJSON(res, 200, published);
        sendError(res, 404, { message: `no route ${route}`, type: 'invalid_request_error' });
      };
      run().catch((err: Error) => sendError(res, 500, { message: `test server handler failed: ${err.message}`, type: 'server_error' }));
    });
  });
  const port = await listenOnFreshPort(server);
  return {
    url: `http://127.0.0.1:${port}/v1`,
    movedURL: `http://127.0.0.1:${port}/moved/v1`,
    get truncatedPrompts() {
      return truncatedPrompts;
    },
    get capacityUse() {
      return capacity ? { peak: capacity.peak, queuedPeak: capacity.queuedPeak } : null;
    },
    requests,
    chatRequests: () => requests.filter((r) => r.path.replace(/\/+$/, '') === '/v1/chat/completions'),
    setHandler: (h) => {
      handler = h;
    },
    batchApi,
    close: async () => {
      batchApi.close();
      capacity?.drain();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What a model that was never shown the schema writes: prose, then the content of the wrapper object without it. */
function withoutTheSchema(json: unknown): ChatAnswer {
  const inner = json !== null && typeof json === 'object' && !Array.isArray(json) ? Object.values(json as Record<string, unknown>)[0] : json;
  return { content: `Here is the result:\n${JSON.stringify(inner ?? json)}` };
}

function unsupportedFeature(info: ChatRequestInfo, supports: Required<NonNullable<OpenAIServerOptions['supports']>>): string | null {
  if (info.method === 'json_schema' && !supports.jsonSchema) return "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.";
  if (info.method === 'function_calling' && !supports.tools) return "Invalid parameter: 'tools' is not supported with this model.";
  if (info.method === 'json_mode' && !supports.jsonObject) return "Invalid parameter: 'response_format' of type 'json_object' is not supported with this model.";
  if (info.stream && !supports.streaming) return "Invalid parameter: 'stream' is not supported.";
  return null;
}

function parseBody(text: string): Record<string, unknown> | null {
  if (text.trim() === '') return null;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Deterministic unit vector from a hash of the text. */
export function embeddingOf(text: string, dims: number): number[] {
  const v: number[] = [];
  for (let i = 0; v.length < dims; i++) {
    const h = createHash('sha256').update(`${i}:${text}`).digest();
    for (let j = 0; j + 1 < h.length && v.length < dims; j += 2) v.push((h.readUInt16BE(j) / 65535) * 2 - 1);
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

export function sendJSON(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, error: { message: string; type?: string; code?: string; param?: string | null }, headers: Record<string, string> = {}): void {
  sendJSON(res, status, { error: { message: error.message, type: error.type ?? 'invalid_request_error', param: error.param ?? null, code: error.code ?? null } }, headers);
}

/** A base URL on a port fetch refuses to use at all (9, "discard": "bad port", an error with no code). */
export const REFUSED_PORT_URL = 'http://127.0.0.1:9/v1';

/** A base URL where nothing listens (connection refused): a port no test server can be handed (test/support/ports.ts). */
export { unreachableURL } from './ports.js';
