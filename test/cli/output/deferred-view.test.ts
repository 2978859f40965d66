import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { deferredView } from '../../../src/cli/output/deferred-view.js';
import type { ReviewEvent } from '../../../src/pipeline/events.js';
import { initialRunState, type RunState } from '../../../src/pipeline/run-state.js';
import type { RunView } from '../../../src/pipeline/run-view.js';

/** A view that records what it is told, and how many times it was loaded. */
function recorder() {
  const seen: { what: string; state: RunState }[] = [];
  let loads = 0;
  const load = async (): Promise<RunView> => {
    loads++;
    return {
      onEvent: (event, state) => void seen.push({ what: event.type, state }),
      finish: async (state) => void seen.push({ what: 'finish', state }),
      abort: async (state) => void seen.push({ what: 'abort', state }),
    };
  };
  return { seen, load, loads: () => loads };
}

const state = (n: number): RunState => ({ ...initialRunState, warnings: Array.from({ length: n }, (_, i) => `w${i}`) }) as RunState;
const started: ReviewEvent = { type: 'stage-started', stage: 'classify', total: 4, unit: 'papers' };
const requestOut = { type: 'model', event: { type: 'request-started', stage: 'classify', cacheKey: 'k' } } as unknown as ReviewEvent;
/** Let the view's loading promise settle (a turn of the event loop, no fixed time). */
const settle = () => setImmediate();

describe('deferredView', () => {
  it('loads the view once the first request is out, and hands it the state folded so far', async () => {
    const r = recorder();
    const view = deferredView(r.load);
    view.onEvent(started, state(1));
    await settle();
    expect(r.loads()).toBe(0);
    view.onEvent(requestOut, state(2));
    view.onEvent(started, state(3));
    await settle();
    expect(r.loads()).toBe(1);
    expect(r.seen.at(0)?.state).toEqual(state(3));
    view.onEvent(started, state(4));
    await view.finish(state(5));
    expect(r.seen.map((s) => s.what)).toEqual(['stage-started', 'stage-started', 'finish']);
    expect(r.loads()).toBe(1);
  });

  it('a run that finishes before any request (cache, offline) still draws its end; an aborted one that drew nothing loads nothing', async () => {
    const r = recorder();
    const view = deferredView(r.load);
    view.onEvent(started, state(1));
    await view.finish(state(2));
    expect(r.seen).toEqual([
      { what: 'stage-started', state: state(1) },
      { what: 'finish', state: state(2) },
    ]);
    const quiet = recorder();
    await deferredView(quiet.load).abort(state(1));
    expect(quiet.loads()).toBe(0);
  });
});
