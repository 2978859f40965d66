import { AbortedError } from '../errors.js';
import { isReasoningModel } from './reasoning-model.js';

/** How requests to one endpoint + model are shaped: the parameters it accepts, and the structured method. */
export interface RequestParams {
  /** Which field carries the output limit. */
  tokensField: 'max_tokens' | 'max_completion_tokens';
  /** Whether `temperature` / `seed` are sent at all. */
  temperature: boolean;
  seed: boolean;
}

/** The parameters litrev starts with: what the model name suggests (reasoning models: no temperature, max_completion_tokens). */
export function defaultParams(model: string): RequestParams {
  const reasoning = isReasoningModel(model);
  return { tokensField: reasoning ? 'max_completion_tokens' : 'max_tokens', temperature: !reasoning, seed: true };
}

/** The change a 400 naming `param` calls for, or null when there is nothing left to change. */
export function adaptParams(p: RequestParams, param: string, message: string): RequestParams | null {
  if (param === 'max_tokens' && p.tokensField === 'max_tokens') return { ...p, tokensField: 'max_completion_tokens' };
  if (param === 'max_completion_tokens' && p.tokensField === 'max_completion_tokens' && !/max_tokens/.test(message.replace(/max_completion_tokens/g, ''))) {
    return { ...p, tokensField: 'max_tokens' };
  }
  if (param === 'temperature' && p.temperature) return { ...p, temperature: false };
  if (param === 'seed' && p.seed) return { ...p, seed: false };
  return null;
}

/** A request kind whose shape is probed once: plain text, or structured output. */
export type ShapeKind = 'text' | 'structured';

/**
 * The shape of a request body as the endpoint judges it: its kind, the fields sent (not their
 * values) and the structured method. Two bodies with the same signature are accepted or refused alike.
 */
export function shapeSignature(kind: ShapeKind, body: Record<string, unknown>): string {
  const fields = Object.keys(body).filter((k) => k !== 'messages' && k !== 'model').sort();
  const format = (body.response_format as { type?: unknown } | undefined)?.type;
  return `${kind}: ${fields.join(',')}${typeof format === 'string' ? ` (${format})` : ''}`;
}

/**
 * Single flight for request shapes: until a kind of request has succeeded once with the current
 * shape, one request of that kind probes at a time and the others wait for it. A fan-out of 42
 * batches against an endpoint that rejects a parameter costs one 400, not 42. A shape this endpoint
 * and model accepted in an earlier run (remembered in the cache's capabilities.json) needs no probe:
 * the first wave goes out together. A probe may take one companion (`claim(..., companion)`): a
 * second request of the kind sent with it, when what its reply shows besides the shape is worth a
 * second reading in the same round trip (two prompt sizes show a silent truncation, see
 * truncation-judge.ts); a rejected shape then costs two 400s.
 */
export class ShapeGate {
  private readonly confirmed = new Set<ShapeKind>();
  private readonly probes = new Map<ShapeKind, Probe>();
  private readonly trusted: Set<string>;

  /**
   * `singleFlight` false: every request is sent at once, and a rejected shape is adapted when its reply
   * comes. `accepted`: signatures (shapeSignature) the endpoint accepted before; `onConfirmed` hears each new one.
   */
  constructor(
    private readonly singleFlight = true,
    accepted: readonly string[] = [],
    private readonly onConfirmed: (signature: string) => void = () => {},
    /** Hears each request that starts waiting for a probe (it will bring no reading until the probe settles). */
    private readonly onWaiting: () => void = () => {},
  ) {
    this.trusted = new Set(accepted);
  }

  /** Requests waiting now for a probe to settle (demand the concurrency limiter counts). */
  get waiting(): number {
    return this.waiters;
  }
  private waiters = 0;

  /** Wait while a probe of this kind is in flight and the shape is not confirmed; AbortedError when `signal` aborts meanwhile. */
  async settled(kind: ShapeKind, signal?: AbortSignal): Promise<void> {
    if (!this.blocked(kind)) return;
    this.waiters++;
    this.onWaiting();
    try {
      await this.waitFor(kind, signal);
    } finally {
      this.waiters--;
    }
  }

  private blocked(kind: ShapeKind): boolean {
    return !this.confirmed.has(kind) && this.probes.has(kind);
  }

  private async waitFor(kind: ShapeKind, signal?: AbortSignal): Promise<void> {
    while (this.blocked(kind)) {
      const p = this.probes.get(kind)!.settled;
      if (signal?.aborted) throw new AbortedError();
      if (!signal) {
        await p;
        continue;
      }
      let onAbort!: () => void;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(new AbortedError());
        signal.addEventListener('abort', onAbort, { once: true });
      });
      try {
        await Promise.race([p, aborted]);
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    }
  }

  /**
   * Before sending a request of `kind`: `null` when its shape is confirmed (send freely), a probe
   * handle when this request probes, `busy` when another probe started meanwhile (wait, rebuild).
   * `companion`: this request may go with a probe already out, as its one companion.
   */
  claim(kind: ShapeKind, signature: string, companion = false): 'busy' | null | { confirm: () => void; release: () => void } {
    if (!this.singleFlight || this.confirmed.has(kind)) return null;
    const out = this.probes.get(kind);
    if (out && (!companion || !out.companionWanted || out.count >= 2)) return 'busy';
    if (!out && this.trusted.has(signature)) {
      this.confirmed.add(kind);
      return null;
    }
    const probe = out ?? new Probe(companion);
    probe.count++;
    this.probes.set(kind, probe);
    let released = false;
    let confirmed = false;
    return {
      confirm: () => {
        if (confirmed) return;
        confirmed = true;
        this.confirmed.add(kind);
        this.trusted.add(signature);
        this.onConfirmed(signature);
        // The requests waiting for the shape go now, whether or not the companion has answered.
        probe.wake();
      },
      release: () => {
        if (released) return;
        released = true;
        if (--probe.count > 0) return;
        if (this.probes.get(kind) === probe) this.probes.delete(kind);
        probe.wake();
      },
    };
  }

  /** The shape changed (a 400): the next request of every kind probes again, remembered shapes included. */
  reset(): void {
    this.confirmed.clear();
    this.trusted.clear();
  }
}

/** Thrown inside a cache fetch when the request must be rebuilt (its shape was adapted, or a probe is running). */
export class ShapeChanged extends Error {
  constructor() {
    super('the request shape changed; rebuild the request');
    this.name = 'ShapeChanged';
  }
}

/** The requests probing a kind's shape (one, or one and its companion), and the waiters' wake-up. */
class Probe {
  count = 0;
  private resolve!: () => void;
  /** Settles at the next wake(); each wake makes a new one, so a waiter that finds the kind still blocked waits again. */
  settled: Promise<void> = this.next();

  /** `companionWanted`: the first probe asked for a companion. */
  constructor(readonly companionWanted: boolean) {}

  wake(): void {
    const resolve = this.resolve;
    this.settled = this.next();
    resolve();
  }

  private next(): Promise<void> {
    return new Promise<void>((r) => (this.resolve = r));
  }
}
