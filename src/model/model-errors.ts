import { ExitCode, LitrevError } from '../errors.js';

/**
 * A model request that failed for good without stopping the run: the endpoint rejected this one
 * request (a 400: too long, malformed), or retries were exhausted. `runBatch` records the items of a
 * failed request (and bisects a rejected batch); fatal problems are `ModelFatalError` instead.
 */
export class ModelRequestError extends LitrevError {
  readonly status?: number;
  /** True when the request was retried until `maxRetries` and still failed (transient trouble). */
  readonly exhausted: boolean;
  /** The endpoint said the prompt is longer than the model's context (a smaller batch may fit). */
  readonly contextOverflow: boolean;
  constructor(message: string, options: { status?: number; exhausted: boolean; contextOverflow?: boolean; cause?: unknown }) {
    super(message, { exitCode: ExitCode.failedItems, cause: options.cause });
    this.status = options.status;
    this.exhausted = options.exhausted;
    this.contextOverflow = options.contextOverflow ?? false;
  }
}

/**
 * The prompt (or the reply it needs) does not fit the model: the endpoint said so (400
 * context_length_exceeded), litrev knows it before sending, the server silently dropped the start of
 * the prompt, or the reply hit the output cap. Nothing of such a reply is used or cached. The caller
 * repacks (fewer papers per prompt, a summary in parts); `runBatch` splits the batch.
 */
export class ContextOverflowError extends ModelRequestError {
  /** `context`: the prompt is too long; `output`: the reply needs more tokens than the endpoint returns. */
  readonly overflow: 'context' | 'output';
  /** The window (or output cap) now known, in the server's tokens; null when still unknown. */
  readonly limit: number | null;
  /** The prompt tokens litrev counted for the request (calibrated estimate). */
  readonly promptTokens: number;
  constructor(message: string, options: { overflow: 'context' | 'output'; limit: number | null; promptTokens: number; status?: number; cause?: unknown }) {
    super(message, { status: options.status, exhausted: false, contextOverflow: true, cause: options.cause });
    this.overflow = options.overflow;
    this.limit = options.limit;
    this.promptTokens = options.promptTokens;
  }
}

/** A 200 reply that is not a chat completion (HTML, empty, not JSON, no `choices`): transient, retried. */
export class MalformedReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedReplyError';
  }
}

/** A reply far larger than the output asked for: rejected unread, never parsed or echoed back. */
export class ReplyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the reply is larger than ${limitBytes} bytes, far more than the output asked for: rejected unread`);
    this.name = 'ReplyTooLargeError';
  }
}
