import { useApp, useInput } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { Label } from '../../eval/label-item.js';
import { labelReducer, type LabelAction, type LabelState } from '../../eval/label-session.js';
import { LabelView } from './label-view.js';

export interface LabelAppProps {
  initial: LabelState;
  file: string;
  /** Write every label (in file order); called after each change, one call at a time. */
  save: (labels: Label[]) => Promise<void>;
}

/** Keys to actions in browse mode. */
function browseAction(input: string, key: { rightArrow?: boolean; leftArrow?: boolean }): LabelAction | 'quit' | null {
  if (key.rightArrow || input === 'n') return { type: 'next' };
  if (key.leftArrow || input === 'p') return { type: 'previous' };
  if (input === 'i') return { type: 'decide', decision: 'include' };
  if (input === 'e') return { type: 'decide', decision: 'exclude' };
  if (input === 'u') return { type: 'decide', decision: 'unsure' };
  if (input === 'z') return { type: 'undo' };
  if (input === '/') return { type: 'search-start' };
  if (input === 'q') return 'quit';
  if (/^[0-9]$/.test(input)) return { type: 'contribution', digit: Number(input) };
  return null;
}

/**
 * The labelling screen. Every change is saved at once (the writes are chained, so they land in
 * order); quitting waits for the last write. A failed write is shown and the session stops, so no
 * decision is silently lost.
 */
export function LabelApp({ initial, file, save }: LabelAppProps) {
  const { exit } = useApp();
  const [state, dispatch] = useReducer(labelReducer, initial);
  const [error, setError] = useState<string | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    if (state.version === 0) return;
    const labels = [...state.labels.values()];
    chain.current = chain.current.then(() => save(labels)).catch((err: unknown) => {
      setError(`cannot save ${file}: ${(err as Error).message}`);
      exit(err as Error);
    });
  }, [state.version]);

  useInput((input, key) => {
    if (key.ctrl && input === 'c') return void chain.current.then(() => exit());
    if (state.mode === 'search') {
      if (key.return) dispatch({ type: 'search-submit' });
      else if (key.escape) dispatch({ type: 'search-cancel' });
      else if (key.backspace || key.delete) dispatch({ type: 'search-backspace' });
      else if (input && !key.ctrl && !key.meta) dispatch({ type: 'search-input', text: input });
      return;
    }
    const action = browseAction(input, key);
    if (action === 'quit') void chain.current.then(() => exit());
    else if (action) dispatch(action);
  });

  return (
    <>
      <LabelView state={error ? { ...state, message: error } : state} file={file} />
    </>
  );
}
