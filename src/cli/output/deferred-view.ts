import type { ReviewEvent } from '../../pipeline/events.js';
import type { RunState } from '../../pipeline/run-state.js';
import type { RunView } from '../../pipeline/run-view.js';

/** When to start loading the view at the latest, whatever the run says. */
const FALLBACK_MS = 1500;

/**
 * A view that is loaded only once the run no longer needs the process to itself: the dashboard (Ink
 * and React take most of a second of CPU to load) would otherwise hold back the run's first request,
 * which shares this thread. It starts loading when the first request is out (the run then waits for
 * the endpoint), when a stage finished without one (from the cache, or offline), or after
 * FALLBACK_MS; until then events only fold into the state it draws when it comes up (it is told the
 * last event with it). For views that draw from the state alone, like the dashboard: nothing shown is lost.
 */
export function deferredView(load: () => Promise<RunView>): RunView {
  let view: RunView | null = null;
  let loading: Promise<RunView> | null = null;
  let latest: { event: ReviewEvent; state: RunState } | null = null;
  const start = (): Promise<RunView> => {
    clearTimeout(fallback);
    loading ??= load().then((v) => {
      view = v;
      if (latest) v.onEvent(latest.event, latest.state);
      return v;
    });
    return loading;
  };
  // A failed load is reported by finish(), which waits for it.
  const startQuietly = () => void start().catch(() => undefined);
  const fallback = setTimeout(startQuietly, FALLBACK_MS);
  fallback.unref();
  return {
    onEvent(event, state) {
      latest = { event, state };
      if (view) view.onEvent(event, state);
      else if (!loading && startsView(event)) startQuietly();
    },
    async finish(state) {
      await (await start()).finish(state);
    },
    async abort(state) {
      clearTimeout(fallback);
      // Nothing drawn yet (or the view could not load): nothing to release, and the run's own error is what is reported.
      const v = loading ? await loading.catch(() => null) : null;
      if (v) await v.abort(state);
    },
  };
}

function startsView(event: ReviewEvent): boolean {
  if (event.type === 'model') return event.event.type === 'request-started';
  return event.type === 'stage-finished' || (event.type === 'run-started' && event.engine === 'offline');
}
