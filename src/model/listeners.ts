import type { ModelEvent } from './types.js';

export type Listener = (event: ModelEvent) => void;

/**
 * The one fan-out of model events. A listener that throws does not break the request that emitted
 * the event, and is not silenced either: its error is rethrown on a microtask, where the process's
 * uncaught-exception handler reports it as the bug it is.
 */
export class Listeners {
  private readonly set = new Set<Listener>();

  add(listener: Listener): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit = (event: ModelEvent): void => {
    for (const l of this.set) {
      try {
        l(event);
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  };
}
