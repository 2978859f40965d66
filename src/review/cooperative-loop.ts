import { AbortedError } from '../errors.js';

/**
 * Long CPU-bound work (the offline engine over 100,000 papers) written once as a generator of
 * steps, and run either straight through (`runSteps`, for callers that want a plain value) or
 * cooperatively (`runStepsCooperatively`): every `sliceMs` it gives the event loop a turn, so
 * signals, timers and the dashboard keep running, checks the AbortSignal, and reports progress.
 *
 * A step yields nothing (a unit of work) or a `StepProgress` (how far the work has come).
 */
export interface StepProgress {
  done: number;
  total: number;
}

export type Steps<T> = Generator<StepProgress | undefined, T, undefined>;

/** Run steps to the end, synchronously. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export interface CooperativeOptions {
  signal?: AbortSignal;
  /** Called with the latest progress, at most once per time slice (and once at the end). */
  progress?: (p: StepProgress) => void;
  /** What was interrupted, for the error message. */
  what?: string;
  /** Longest stretch of work between two turns of the event loop (default 50 ms). */
  sliceMs?: number;
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Run steps, yielding to the event loop every `sliceMs`; throws AbortedError soon after the signal aborts. */
export async function runStepsCooperatively<T>(steps: Steps<T>, options: CooperativeOptions = {}): Promise<T> {
  const slice = options.sliceMs ?? 50;
  const interrupted = (): AbortedError => new AbortedError(`${options.what ?? 'work'} interrupted`);
  if (options.signal?.aborted) throw interrupted();
  let last: StepProgress | undefined;
  let reported: StepProgress | undefined;
  let sliceStart = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) {
      if (last && last !== reported) options.progress?.(last);
      return r.value;
    }
    if (r.value) last = r.value;
    if (performance.now() - sliceStart < slice) continue;
    if (last && last !== reported) {
      options.progress?.(last);
      reported = last;
    }
    await turn();
    if (options.signal?.aborted) {
      steps.return(undefined as T);
      throw interrupted();
    }
    sliceStart = performance.now();
  }
}

/** Map items to results as steps, one step per item, reporting progress over `total` (default: the items). */
export function* mapSteps<I, O>(items: readonly I[], fn: (item: I, index: number) => O, offset = 0, total?: number): Generator<StepProgress, O[], undefined> {
  const out: O[] = new Array(items.length);
  const all = total ?? items.length + offset;
  for (let i = 0; i < items.length; i++) {
    out[i] = fn(items[i]!, i);
    yield { done: offset + i + 1, total: all };
  }
  return out;
}
