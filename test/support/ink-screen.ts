import type { EventEmitter } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Waiting on an Ink app under test (ink-testing-library) for what its user would see, never for a fixed
 * time: a loaded machine only makes the wait longer. `timeoutMs` bounds a wait that would never end.
 */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The app reads its input: Ink has subscribed to stdin (it does so in an effect after the first render). */
export async function inputReady(stdin: EventEmitter): Promise<void> {
  await waitFor(() => stdin.listenerCount('readable') > 0, 'the app to read its input');
  await nextTurn();
}

interface InkApp {
  stdin: { write(data: string): void };
  frames: string[];
}

/** Press keys and wait for the screen they change (the next frame Ink draws), as a user reads before typing on. */
export async function press(app: InkApp, keys: string): Promise<void> {
  const before = app.frames.length;
  app.stdin.write(keys);
  await waitFor(() => app.frames.length > before, `the screen after ${JSON.stringify(keys)}`);
}
