import { ExitCode, LitrevError } from '../errors.js';

/**
 * A stage that cannot go on after its replies were repaired and still failed (a taxonomy that breaks its schema
 * or the category rule): the run stops with exit 1. Everything answered before is cached, so re-running the same
 * command resumes from there.
 */
export class StageFailedError extends LitrevError {
  readonly stage: string;
  constructor(stage: string, message: string, cause?: unknown) {
    super(`the ${stage} stage failed: ${message}`, {
      exitCode: ExitCode.failedItems,
      hint: 'every reply received so far is cached: re-run the same command to resume, or pass --taxonomy FILE, or try another --model',
      cause,
    });
    this.stage = stage;
  }
}
