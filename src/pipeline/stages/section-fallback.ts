import { LitrevError } from '../../errors.js';
import { ModelRequestError } from '../../model/model-errors.js';

/**
 * Whether a failed section may be drafted by the offline engine instead: only when the model answered and its
 * reply was rejected, or that one request failed for good. A cache miss under `--cache replay`, Ctrl-C, a budget
 * stop, a fatal endpoint problem or a bug stops the run: none of them is a reason to put offline text in a
 * model-written review.
 */
export function mayDraftOffline(err: unknown): boolean {
  if (err instanceof SectionRejectedError) return true;
  if (err instanceof ModelRequestError) return true;
  return false;
}

/** The model answered a section request, and its reply was rejected (invalid JSON, schema, truncated, refused). */
export class SectionRejectedError extends LitrevError {}
