/**
 * A server that works on `concurrent` chat requests at once (vLLM's continuous batching, a GPU's
 * slots, Ollama's OLLAMA_NUM_PARALLEL) and queues the rest in arrival order: each request, once it
 * has a slot, takes the server's fixed latency. `peak` is the most it ever worked on at once;
 * `queuedPeak` the longest queue.
 */
export class CapacityLimit {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  peak = 0;
  queuedPeak = 0;

  constructor(readonly concurrent: number) {}

  /** Wait for a slot; call the returned function when the answer is written. */
  async acquire(): Promise<() => void> {
    if (this.active >= this.concurrent) {
      await new Promise<void>((resolve) => {
        this.queue.push(resolve);
        this.queuedPeak = Math.max(this.queuedPeak, this.queue.length);
      });
    } else this.active++;
    this.peak = Math.max(this.peak, this.active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    };
  }

  /** Give every waiter a slot (the server is closing). */
  drain(): void {
    for (const next of this.queue.splice(0)) next();
  }
}
