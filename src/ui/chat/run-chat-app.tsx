import { render } from 'ink';
import type { ChatBackend } from './chat-backend.js';
import { ChatApp } from './chat-app.js';

export interface RunChatOptions {
  backend: ChatBackend;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** SIGTERM (or Ctrl-C outside raw mode): leave the app. */
  signal?: AbortSignal;
}

/** Run the interactive chat until the user leaves; the terminal is restored when this resolves. */
export async function runChatApp(options: RunChatOptions): Promise<void> {
  const app = render(<ChatApp backend={options.backend} />, {
    stdin: options.stdin as NodeJS.ReadStream,
    stdout: options.stdout as NodeJS.WriteStream,
    stderr: options.stderr as NodeJS.WriteStream,
    // Ctrl-C is handled by the app itself: it stops the answer being written, then leaves.
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const onAbort = () => app.unmount();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await app.waitUntilExit();
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}
