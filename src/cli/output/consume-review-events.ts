import { AbortedError, LitrevError } from '../../errors.js';
import { formatCount } from '../../format/numbers.js';
import type { ReviewEvent, RunSummary } from '../../pipeline/events.js';
import { initialRunState, reduceRunState, type RunState } from '../../pipeline/run-state.js';
import { deferredView } from './deferred-view.js';
import { createJsonView } from './json-view.js';
import { createPlainView } from './plain-view.js';
import type { RunView } from '../../pipeline/run-view.js';

export interface ConsumeOptions {
  /** ink: the live dashboard (stdout is a terminal); plain: lines on stderr; json: one object on stdout at the end. */
  mode: 'ink' | 'plain' | 'json';
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Clock, for tests. */
  now?: () => number;
  /** The command's Ctrl-C signal: a run it stops ends with how to resume it. */
  signal?: AbortSignal;
}

/**
 * A model run stopped by Ctrl-C or SIGTERM: every answer it received is in the cache, so the same
 * command resumes it (main prints this message instead of a bare "interrupted").
 */
export class RunInterruptedError extends AbortedError {
  constructor(readonly answersCached: number) {
    super(
      `interrupted; re-run the same command to resume: ${formatCount(answersCached)} ${answersCached === 1 ? 'answer is' : 'answers are'} cached`,
    );
  }
}

/**
 * Show a review run from its event stream and return its summary. The three output modes are
 * three views of one folded state (see pipeline/run-state.ts). A stream that throws is rethrown
 * after the terminal is released; one that ends without run-finished is an error.
 */
export async function consumeReviewEvents(events: AsyncIterable<ReviewEvent>, options: ConsumeOptions): Promise<RunSummary> {
  const now = options.now ?? Date.now;
  const view = await createView(options, now);
  let state: RunState = initialRunState;
  let answers = 0;
  try {
    for await (const event of events) {
      state = reduceRunState(state, event, now());
      if (event.type === 'model' && event.event.type === 'request-finished') answers++;
      view.onEvent(event, state);
    }
  } catch (err) {
    await view.abort(state);
    // A subclass already says more (batches left running at the provider).
    const plain = !(err instanceof AbortedError) || err.constructor === AbortedError;
    if (options.signal?.aborted && state.engine === 'model' && plain) throw new RunInterruptedError(answers);
    throw err;
  }
  if (!state.summary) {
    await view.abort(state);
    throw new LitrevError('the review stopped before it finished (no summary was produced)');
  }
  await view.finish(state);
  return state.summary;
}

/** The dashboard's modules (Ink, React): loaded once, by whoever asks first. */
let dashboardModule: Promise<typeof import('../../ui/dashboard/dashboard-view.js')> | undefined;
const loadDashboard = () => (dashboardModule ??= import('../../ui/dashboard/dashboard-view.js'));

/**
 * Load the dashboard ahead of a run that will keep the thread busy from its start (the offline engine):
 * its modules need many turns of the event loop to load, which a CPU-bound run gives only every few
 * tens of milliseconds, so loaded later the screen would stay blank for seconds. A model run does not
 * call this: the dashboard loads while its first requests are out.
 */
export async function preloadDashboard(): Promise<void> {
  await loadDashboard();
}

async function createView(options: ConsumeOptions, now: () => number): Promise<RunView> {
  switch (options.mode) {
    case 'json':
      return createJsonView(options.stdout);
    case 'plain':
      return createPlainView(options.stderr, now);
    case 'ink':
      return deferredView(async () => {
        const { createDashboardView } = await loadDashboard();
        return createDashboardView({ stdout: options.stdout, stderr: options.stderr, now });
      });
  }
}
