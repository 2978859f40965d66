import type { ChatHandler } from './chat-request.js';

/**
 * A chat handler that answers nothing until `count` requests have arrived: a wave sent together is then
 * seen together however loaded the machine is. If they never all come (the code under test sends them
 * one after another), the replies are released after `boundMs`, so the test fails on what arrived
 * instead of hanging; a passing run never waits for that bound.
 */
export function holdReplies(count: number, boundMs = 15_000): ChatHandler {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  const bound = setTimeout(release, boundMs);
  bound.unref();
  return async () => {
    if (++arrived >= count) {
      clearTimeout(bound);
      release();
    }
    await all;
    return undefined;
  };
}
