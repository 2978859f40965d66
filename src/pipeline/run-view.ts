import type { ReviewEvent } from './events.js';
import type { RunState } from './run-state.js';

/** One way of showing a run (Ink dashboard, plain lines, JSON): told every event with the folded state. */
export interface RunView {
  onEvent(event: ReviewEvent, state: RunState): void;
  /** The run finished (state.summary is set): show the summary, release the terminal. */
  finish(state: RunState): Promise<void>;
  /** The run stopped with an error: release the terminal and show nothing more. */
  abort(state: RunState): Promise<void>;
}
