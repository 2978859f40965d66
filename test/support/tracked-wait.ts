/**
 * `wait(ms)` for the test servers: every pending timer is kept in `timers`, so that `close()` can clear
 * them and no test leaves a server answering after it ended.
 */
export function trackedWait(timers: Set<NodeJS.Timeout>): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
}
