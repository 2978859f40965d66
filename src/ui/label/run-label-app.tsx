import { render } from 'ink';
import type { Label } from '../../eval/label-item.js';
import type { LabelState } from '../../eval/label-session.js';
import { LabelApp } from './label-app.js';

export interface RunLabelOptions {
  initial: LabelState;
  file: string;
  save: (labels: Label[]) => Promise<void>;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  signal?: AbortSignal;
}

/** Run the labelling screen until the labeller quits; every decision is already on disk when this resolves. */
export async function runLabelApp(o: RunLabelOptions): Promise<void> {
  const app = render(<LabelApp initial={o.initial} file={o.file} save={o.save} />, {
    stdin: o.stdin as NodeJS.ReadStream,
    stdout: o.stdout as NodeJS.WriteStream,
    stderr: o.stderr as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const onAbort = () => app.unmount();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await app.waitUntilExit();
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
}
