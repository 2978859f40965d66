import { AbortedError } from '../../errors.js';

/** Ctrl-C while batches run: they keep running at the provider, and the same command collects them. */
export class BatchInterruptedError extends AbortedError {
  readonly batchIds: string[];
  constructor(batchIds: string[]) {
    super(
      batchIds.length === 0
        ? 'interrupted'
        : `interrupted; ${batchIds.length === 1 ? 'batch' : 'batches'} ${batchIds.join(', ')} keep${batchIds.length === 1 ? 's' : ''} running at the provider. ` +
            "Run the same command again to collect the results (nothing is paid twice); 'litrev batches' lists them, 'litrev batches cancel ID' stops one",
    );
    this.batchIds = batchIds;
  }
}

/** A batch line answered with an HTTP error status: shaped like the SDK's APIError, so the gateway classifies it the same way. */
export class BatchLineError extends Error {
  readonly status: number;
  readonly error: unknown;
  readonly headers: Record<string, string> = {};
  constructor(status: number, body: unknown) {
    const inner = (body as { error?: { message?: unknown } } | null)?.error;
    super(`${status} ${typeof inner?.message === 'string' ? inner.message : 'batch line failed'}`);
    this.name = 'BatchLineError';
    this.status = status;
    this.error = inner ?? body;
  }
}
