import { render } from 'ink';
import { useSyncExternalStore } from 'react';
import type { RunView } from '../../pipeline/run-view.js';
import { initialRunState, type RunState } from '../../pipeline/run-state.js';
import { createStateStore, type StateStore } from '../state-store.js';
import { useNow } from '../use-now.js';
import { Dashboard } from './dashboard.js';

function DashboardRoot({ store, clock }: { store: StateStore<RunState>; clock: () => number }) {
  const state = useSyncExternalStore(store.subscribe, store.get);
  const now = useNow(clock, 1000, state.summary === null);
  return <Dashboard state={state} now={state.finishedAt ?? Math.max(now, clock())} />;
}

/**
 * The Ink dashboard as a RunView: every event updates a store the component reads; at the end the
 * summary is drawn and the app unmounts, leaving the last frame on screen.
 */
export function createDashboardView(options: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; now: () => number }): RunView {
  const store = createStateStore<RunState>(initialRunState);
  const app = render(<DashboardRoot store={store} clock={options.now} />, {
    stdout: options.stdout as NodeJS.WriteStream,
    stderr: options.stderr as NodeJS.WriteStream,
    // The dashboard takes no input: Ctrl-C stays a signal the command turns into a clean stop.
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const close = async () => {
    app.unmount();
    await app.waitUntilExit();
  };
  return {
    onEvent(_event, state) {
      store.set(state);
    },
    async finish(state) {
      store.set(state);
      await close();
    },
    async abort(state) {
      store.set(state);
      await close();
    },
  };
}
