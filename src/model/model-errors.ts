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
