import { ModelFatalError } from '../errors.js';

/** What the retry loop should do with an error from one request. */
export type ErrorClass =
  | { type: 'retry'; reason: string; status?: number; retryAfterMs?: number; rateLimited: boolean; unreachable: boolean }
  | { type: 'fatal'; error: ModelFatalError }
  | { type: 'rejected'; status: number; message: string; contextOverflow: boolean }
  | { type: 'aborted' }
  | { type: 'unknown' };

export interface ErrorContext {
  endpoint: string;
  model: string;
}

const RETRY_STATUS = new Set([408, 409, 425, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524, 529]);
const CONNECTION_CODES = /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|UND_ERR_\w+)$/;
const CONNECTION_MESSAGE = /socket hang up|terminated|fetch failed|other side closed|premature close|network|connection (error|reset|closed)/i;
const QUOTA_MESSAGE = /insufficient[_ -]?quota|exceeded your current quota|billing/i;
const CONTEXT_MESSAGE = /context[_ ]length|maximum context|context window|too many tokens|prompt is too long/i;

/**
 * Classify an error thrown by the OpenAI SDK or LangChain for one request: retry it (429, 5xx,
 * timeouts, dropped or refused connections), stop the run (401, 403, 404, insufficient_quota),
 * give up on this request (other 4xx), or rethrow (a bug, not a network problem).
 */
export function classifyError(err: unknown, ctx: ErrorContext): ErrorClass {
  const e = (err ?? {}) as Record<string, unknown>;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message.split('\n')[0]!.replace(/^\d{3} /, '') : String(err);
  if (name === 'AbortError' || name === 'APIUserAbortError') return { type: 'aborted' };
  const status = typeof e.status === 'number' ? e.status : undefined;
  const code = errorCode(e);
  if (status !== undefined) return classifyStatus(status, e, message, code, ctx);
  if (name === 'TimeoutError' || name === 'APIConnectionTimeoutError' || /timed? ?out/i.test(message)) {
    return { type: 'retry', reason: 'request timed out', rateLimited: false, unreachable: false };
  }
  const sys = causeCode(err);
  if (name === 'APIConnectionError' || (sys && CONNECTION_CODES.test(sys)) || CONNECTION_MESSAGE.test(message)) {
    const unreachable = sys === 'ECONNREFUSED' || sys === 'ENOTFOUND' || sys === 'EAI_AGAIN';
    return { type: 'retry', reason: `connection error${sys ? ` (${sys})` : ''}`, rateLimited: false, unreachable };
  }
  return { type: 'unknown' };
}

function classifyStatus(status: number, e: Record<string, unknown>, message: string, code: string | undefined, ctx: ErrorContext): ErrorClass {
  if (status === 401) {
    return fatal(`the endpoint ${ctx.endpoint} rejected the API key (401)`, status, 'set OPENAI_API_KEY to a valid key for this endpoint (a local server may need none: unset it)');
  }
  if (status === 403) {
    return fatal(`access to model "${ctx.model}" was denied by ${ctx.endpoint} (403): ${message}`, status, "check that the key's project or organisation may use this model");
  }
  if (status === 404) {
    return fatal(
      `model "${ctx.model}" not found at ${ctx.endpoint} (404)`,
      status,
      "check --model / LITREV_MODEL against the endpoint's model list ('litrev doctor' shows it) and that the base URL ends in /v1",
    );
  }
  if (status === 429 && (code === 'insufficient_quota' || QUOTA_MESSAGE.test(message))) {
    return fatal(`the account behind the API key has no quota left at ${ctx.endpoint} (insufficient_quota)`, status, "add credit or raise the limit in the provider's billing settings, or use another key");
  }
  if (RETRY_STATUS.has(status) || status >= 500) {
    const retryAfterMs = retryAfterFromHeaders(e.headers);
    return { type: 'retry', reason: `HTTP ${status}`, status, rateLimited: status === 429, unreachable: false, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  return { type: 'rejected', status, message: `HTTP ${status}: ${message}`, contextOverflow: CONTEXT_MESSAGE.test(message) || code === 'context_length_exceeded' };
}

function fatal(message: string, status: number, hint: string): ErrorClass {
  return { type: 'fatal', error: new ModelFatalError(message, { status, hint }) };
}

function errorCode(e: Record<string, unknown>): string | undefined {
  if (typeof e.code === 'string') return e.code;
  const body = e.error as Record<string, unknown> | undefined;
  if (body && typeof body === 'object') {
    if (typeof body.code === 'string') return body.code;
    if (typeof body.type === 'string') return body.type;
  }
  return typeof e.type === 'string' ? e.type : undefined;
}

/** The system error code (ECONNRESET...) somewhere in the `cause` chain. */
function causeCode(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 6 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** `retry-after-ms` (milliseconds) or `retry-after` (seconds or an HTTP date), from a Headers or a plain object. */
export function retryAfterFromHeaders(headers: unknown): number | undefined {
  const get = (name: string): string | undefined => {
    if (!headers || typeof headers !== 'object') return undefined;
    const h = headers as { get?: (n: string) => string | null } & Record<string, unknown>;
    if (typeof h.get === 'function') return h.get(name) ?? undefined;
    const v = h[name] ?? h[name.toLowerCase()];
    return typeof v === 'string' ? v : undefined;
  };
  const ms = Number(get('retry-after-ms'));
  if (get('retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const ra = get('retry-after');
  if (ra === undefined) return undefined;
  const seconds = Number(ra);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
