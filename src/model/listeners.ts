import type { ModelEvent } from './types.js';

export type Listener = (event: ModelEvent) => void;

/**
 * The one fan-out of model events. A listener that throws does not break the request that emitted
 * the event, and is not silenced either: its error is recorded (`errors`) and reported once as a
 * process warning on stderr, naming the event it failed on.
 */
export class Listeners {
  private readonly set = new Set<Listener>();
  /** Errors thrown by listeners, in order. */
  readonly errors: unknown[] = [];

  add(listener: Listener): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit = (event: ModelEvent): void => {
    for (const l of this.set) {
      try {
        l(event);
      } catch (err) {
        this.errors.push(err);
        if (this.errors.length === 1) {
          process.emitWarning(`a model-event listener failed on "${event.type}": ${err instanceof Error ? err.message : String(err)} (please report it)`, { code: 'LITREV_LISTENER' });
        }
      }
    }
  };
}
