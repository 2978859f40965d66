import { AbortedError } from '../errors.js';

/**
 * Prompts not shown to fit that may be out at once: a shape probe and its companion may be cut
 * besides them, so a server that keeps only the end of a long prompt is sent at most eight prompts
 * it cuts before the ceiling their counts share shows (truncation-judge.ts).
 */
export const UNCERTAIN_AT_ONCE = 6;

interface Waiter {
  fits: () => boolean;
  /** Let the request go, with the function that frees its place (a no-op when it took none). */
  admit: (free: () => void) => void;
}

/**
 * The gate a request passes before it is sent while the context window is unknown. A prompt the
 * replies so far show to be read whole (`fits`) passes at once; any other prompt takes one of
 * `atOnce` places, held until its reply is judged, and waits while none is free. Waiting requests
 * look again whenever something may have changed: a reply was read, a place was freed, a window
 * became known (`recheck`). The gate bounds what a server that keeps only the end of a long prompt
 * can waste; it holds nothing back once the window is known or the prompts are shown to fit.
 */
export class UncertainPrompts {
  private out = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    private readonly atOnce = UNCERTAIN_AT_ONCE,
    /** Hears each request that starts waiting for a place (it will bring no reading until it has one). */
    private readonly onWaiting: () => void = () => undefined,
  ) {}

  /** Requests waiting for a place (demand the concurrency limiter counts). */
  get waiting(): number {
    return this.queue.length;
  }

  /** Pass the gate; the returned function frees the place taken, if any (call it once the reply is judged). */
  admit(fits: () => boolean, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    if (fits()) return Promise.resolve(() => undefined);
    if (this.out < this.atOnce) return Promise.resolve(this.take());
    return new Promise<() => void>((resolve, reject) => {
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(new AbortedError());
      };
      const waiter: Waiter = {
        fits,
        admit: (free) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(free);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.onWaiting();
    });
  }

  /** Let through the waiters that fit now, then as many others as there are free places, in arrival order. */
  recheck(): void {
    for (let i = 0; i < this.queue.length; ) {
      const w = this.queue[i]!;
      if (w.fits()) {
        this.queue.splice(i, 1);
        w.admit(() => undefined);
      } else if (this.out < this.atOnce) {
        this.queue.splice(i, 1);
        w.admit(this.take());
      } else i++;
    }
  }

  private take(): () => void {
    this.out++;
    let freed = false;
    return () => {
      if (freed) return;
      freed = true;
      this.out--;
      this.recheck();
    };
  }
}
