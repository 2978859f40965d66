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
 * the first wave goes out together.
 */
export class ShapeGate {
  private readonly confirmed = new Set<ShapeKind>();
  private readonly probes = new Map<ShapeKind, Promise<void>>();
  private readonly trusted: Set<string>;

  /**
   * `singleFlight` false: every request is sent at once, and a rejected shape is adapted when its reply
   * comes. `accepted`: signatures (shapeSignature) the endpoint accepted before; `onConfirmed` hears each new one.
   */
  constructor(
    private readonly singleFlight = true,
    accepted: readonly string[] = [],
    private readonly onConfirmed: (signature: string) => void = () => {},
  ) {
    this.trusted = new Set(accepted);
  }

  /** Requests waiting now for a probe to settle (demand the concurrency limiter counts). */
  get waiting(): number {
    return this.waiters;
  }
  private waiters = 0;

  /** Wait while a probe of this kind is in flight; AbortedError when `signal` aborts meanwhile. */
  async settled(kind: ShapeKind, signal?: AbortSignal): Promise<void> {
    if (!this.probes.has(kind)) return;
    this.waiters++;
    try {
      await this.waitFor(kind, signal);
    } finally {
      this.waiters--;
    }
  }

  private async waitFor(kind: ShapeKind, signal?: AbortSignal): Promise<void> {
    for (let p = this.probes.get(kind); p; p = this.probes.get(kind)) {
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
   */
  claim(kind: ShapeKind, signature: string): 'busy' | null | { confirm: () => void; release: () => void } {
    if (!this.singleFlight || this.confirmed.has(kind)) return null;
    if (this.probes.has(kind)) return 'busy';
    if (this.trusted.has(signature)) {
      this.confirmed.add(kind);
      return null;
    }
    let release!: () => void;
    this.probes.set(
      kind,
      new Promise<void>((resolve) => {
        release = () => {
          this.probes.delete(kind);
          resolve();
        };
      }),
    );
    return {
      confirm: () => {
        this.confirmed.add(kind);
        this.trusted.add(signature);
        this.onConfirmed(signature);
      },
      release,
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
