import { redactSecrets } from '../config/redact.js';
import { ModelFatalError } from '../errors.js';
import { RedirectRefusedError } from './model-fetch.js';
import { MalformedReplyError, ReplyTooLargeError } from './model-errors.js';
import { retryAfterFromHeaders } from './retry-after.js';

/**
 * The one error taxonomy of the model layer: what to do with an error from one request.
 * - transient: retry with backoff (5xx, timeouts, dropped connections, malformed 200 replies);
 *   `unreachable` marks refused connections, connection errors with no code (fetch refusing the
 *   address), DNS and TLS failures (a dead endpoint stops the run).
 * - rate-limited: wait (429, honouring retry-after) without spending the retry budget.
 * - shape: a 400 about the request's form (a parameter, its value, response_format, the schema): adapt it.
 * - overflow: the prompt or the requested output is too large for the model: repack.
 * - rejected: another 4xx for this request's content; `oversized`: a reply too large to read.
 * - fatal: stop the run (401, 403, 404, quota, a redirect to another origin).
 */
export type ErrorClass =
  | { type: 'transient'; reason: string; status?: number; unreachable: boolean; timeout: boolean; retryAfterMs?: number }
  | { type: 'rate-limited'; reason: string; status: number; retryAfterMs?: number }
  | { type: 'shape'; status: number; message: string; param: string | null }
  | { type: 'overflow'; status: number; message: string; window: number | null; output: boolean }
  | { type: 'rejected'; status?: number; message: string }
  | { type: 'fatal'; error: ModelFatalError }
  | { type: 'aborted' }
  | { type: 'unknown' };

export interface ErrorContext {
  endpoint: string;
  model: string;
}

const RETRY_STATUS = new Set([408, 409, 425, 500, 502, 503, 504, 520, 521, 522, 523, 524, 529]);
const CONNECTION_CODES = /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|UND_ERR_\w+)$/;
const UNREACHABLE_CODES = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH)$/;
const TLS_CODES = /CERT|SSL|TLS|ERR_TLS|UNABLE_TO_VERIFY|SELF_SIGNED/;
const CONNECTION_MESSAGE = /socket hang up|terminated|fetch failed|other side closed|premature close|network|connection (error|reset|closed)/i;
const QUOTA_MESSAGE = /insufficient[_ -]?quota|exceeded your current quota|billing/i;
const CONTEXT_MESSAGE = /context[_ ]length|maximum context|context window|too many tokens|prompt is too long|exceeds? the (model'?s? )?(maximum|context)|n_ctx/i;
const OUTPUT_MESSAGE = /max_(completion_)?tokens is too large|at most \d+ completion tokens|max_tokens.*(exceed|greater|larger)/i;
const SHAPE_PARAMS = ['max_completion_tokens', 'max_tokens', 'temperature', 'top_p', 'seed', 'response_format', 'json_schema', 'json_object', 'tools', 'tool_choice', 'stream_options', 'stream'];

/** Classify an error thrown by the `openai` SDK (or the fetch under it) for one request. */
export function classifyError(err: unknown, ctx: ErrorContext): ErrorClass {
  const e = (err ?? {}) as Record<string, unknown>;
  const name = typeof e.name === 'string' ? e.name : '';
  // What the server said may echo the request's credentials: redacted before it is shown, stored or written.
  const message = redactSecrets(typeof e.message === 'string' ? e.message.split('\n')[0]!.replace(/^\d{3} /, '') : String(err));
  if (name === 'AbortError' || name === 'APIUserAbortError') return { type: 'aborted' };
  const redirect = inCauses(err, RedirectRefusedError);
  if (redirect) return { type: 'fatal', error: new ModelFatalError(`${ctx.endpoint}: ${redirect.message}`, { hint: 'point OPENAI_BASE_URL / --base-url at the final address' }) };
  if (err instanceof ReplyTooLargeError) return { type: 'rejected', message: err.message };
  if (err instanceof MalformedReplyError || err instanceof SyntaxError) return { type: 'transient', reason: `malformed reply: ${err.message}`, unreachable: false, timeout: false };
  const status = typeof e.status === 'number' ? e.status : undefined;
  if (status !== undefined) return classifyStatus(status, e, message, ctx);
  if (name === 'TimeoutError' || name === 'APIConnectionTimeoutError' || /timed? ?out/i.test(message)) {
    return { type: 'transient', reason: 'request timed out', unreachable: false, timeout: true };
  }
  const sys = causeCode(err);
  if (sys && TLS_CODES.test(sys)) return { type: 'transient', reason: `TLS failure (${sys})`, unreachable: true, timeout: false };
  if (name === 'APIConnectionError' || (sys && CONNECTION_CODES.test(sys)) || CONNECTION_MESSAGE.test(message)) {
    // No system code at all (fetch refusing a port, "bad port"): no connection was ever made, as with a refusal.
    const detail = sys ?? innermostMessage(err);
    return { type: 'transient', reason: `connection error${detail ? ` (${detail})` : ''}`, unreachable: sys === undefined || UNREACHABLE_CODES.test(sys), timeout: false };
  }
  return { type: 'unknown' };
}

function classifyStatus(status: number, e: Record<string, unknown>, message: string, ctx: ErrorContext): ErrorClass {
  const code = errorCode(e);
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
  if (status === 429) {
    const retryAfterMs = retryAfterFromHeaders(e.headers);
    return { type: 'rate-limited', reason: 'HTTP 429 (rate limited)', status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  if (RETRY_STATUS.has(status) || status >= 500) {
    // An overloaded server (503, 529) often says when to come back.
    const retryAfterMs = retryAfterFromHeaders(e.headers);
    return { type: 'transient', reason: `HTTP ${status}`, status, unreachable: false, timeout: false, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  const text = `HTTP ${status}: ${message}`;
  if (code === 'context_length_exceeded' || CONTEXT_MESSAGE.test(message)) return { type: 'overflow', status, message: text, window: windowIn(message), output: false };
  if (OUTPUT_MESSAGE.test(message)) return { type: 'overflow', status, message: text, window: outputCapIn(message), output: true };
  if (status === 400 || status === 422) {
    const param = paramOf(e, message);
    if (param !== undefined) return { type: 'shape', status, message: text, param };
  }
  return { type: 'rejected', status, message: text };
}

/** The parameter a 400 names (`param`, or the first known one in the message); null for a schema/format complaint with none; undefined when it is about content. */
function paramOf(e: Record<string, unknown>, message: string): string | null | undefined {
  const body = (e.error ?? {}) as { param?: unknown };
  const declared = typeof e.param === 'string' ? e.param : typeof body.param === 'string' ? body.param : undefined;
  if (declared && declared !== 'messages') return declared;
  const named = SHAPE_PARAMS.find((p) => new RegExp(`['"\`]?\\b${p}\\b['"\`]?`).test(message));
  if (named) return named;
  if (/unsupported|not supported|invalid schema|schema|response format|unrecognized/i.test(message)) return null;
  return undefined;
}

/** "maximum context length is 4096 tokens", "context window of 8192", "n_ctx: 2048"... */
export function windowIn(message: string): number | null {
  const m = /(?:maximum context length|context length|context window|n_ctx(?:_slot)?)\D{0,20}(\d{3,7})/i.exec(message);
  return m ? Number(m[1]) : null;
}

function outputCapIn(message: string): number | null {
  const m = /at most (\d+) completion tokens|maximum (?:of )?(\d+) (?:completion|output) tokens/i.exec(message);
  return m ? Number(m[1] ?? m[2]) : null;
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

/** The message at the end of the `cause` chain ("bad port"), when it says more than "fetch failed". */
function innermostMessage(err: unknown): string | undefined {
  let cur: unknown = err;
  let message: string | undefined;
  for (let i = 0; i < 6 && cur && typeof cur === 'object'; i++) {
    const m = (cur as { message?: unknown }).message;
    if (typeof m === 'string' && m !== '') message = m;
    cur = (cur as { cause?: unknown }).cause;
  }
  return message && !/^(fetch failed|connection error\.?)$/i.test(message) ? message.split('\n')[0] : undefined;
}

function inCauses<T>(err: unknown, type: new (...args: never[]) => T): T | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 6 && cur && typeof cur === 'object'; i++) {
    if (cur instanceof type) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}
