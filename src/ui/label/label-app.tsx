import { useApp, useInput, useStdout } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { Label } from '../../eval/label-item.js';
import type { LabelState } from '../../eval/label-session.js';
import { keyReducer } from './label-keys.js';
import { LabelView } from './label-view.js';

export interface LabelAppProps {
  initial: LabelState;
  file: string;
  /** Write every label (in file order); called after each change, one call at a time. */
  save: (labels: Label[]) => Promise<void>;
}

/**
 * The labelling screen. Every change is saved at once (the writes are chained, so they land in
 * order); quitting waits for the last write. A failed write is shown and the session stops, so no
 * decision is silently lost.
 */
export function LabelApp({ initial, file, save }: LabelAppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [state, dispatch] = useReducer(keyReducer, { session: initial, scroll: 0, quit: false });
  const [error, setError] = useState<string | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const { session } = state;

  useEffect(() => {
    if (session.version === 0) return;
    const labels = [...session.labels.values()];
    chain.current = chain.current.then(() => save(labels)).catch((err: unknown) => {
      setError(`cannot save ${file}: ${(err as Error).message}`);
      exit(err as Error);
    });
  }, [session.version]);

  useEffect(() => {
    if (state.quit) void chain.current.then(() => exit());
  }, [state.quit]);

  useInput((input, key) => dispatch({ ...key, input }));

  return (
    <LabelView
      state={error ? { ...session, message: error } : session}
      file={file}
      scroll={state.scroll}
      width={stdout.columns || 80}
      height={stdout.rows || 24}
    />
  );
}
