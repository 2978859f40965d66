import { writeCapability, type CapabilityRecord } from './capabilities.js';
import type { LimitsSnapshot } from './endpoint-limits.js';
import type { RequestParams } from './request-shape.js';
import type { WireMethod } from './structured-method.js';

/** Accepted request shapes remembered per endpoint + model. */
const MAX_ACCEPTED = 8;

/**
 * Records what a run learns of its endpoint + model in cache/capabilities.json (method, accepted
 * parameters, limits), one write at a time; `flush()` waits for the last (the gateway's close does). A
 * write that fails is said once (the run goes on, and the next run learns it again). Nothing is written
 * in replay or off mode.
 */
export class CapabilityWriter {
  private record: CapabilityRecord | null;
  private chain: Promise<unknown> = Promise.resolve();
  private failed = false;

  constructor(
    private readonly cacheDir: string,
    private readonly endpoint: string,
    private readonly model: string,
    remembered: CapabilityRecord | null,
    private readonly readOnly: boolean,
    private readonly warn: (message: string) => void = () => {},
  ) {
    this.record = remembered;
  }

  shape(state: { method: WireMethod; rejected: WireMethod[]; params: RequestParams }): void {
    const methods: Record<string, boolean> = { ...(this.record?.methods ?? {}), [state.method]: true };
    for (const r of state.rejected) methods[r] = false;
    // The shape changed because the endpoint refused one: the shapes it accepted before are asked again.
    this.write({ method: state.method, methods, params: state.params, accepted: [] });
  }

  /** A request shape the endpoint accepted (the most recent few are kept). */
  accepted(signature: string): void {
    const known = this.record?.accepted ?? [];
    if (known.includes(signature)) return;
    this.write({ accepted: [signature, ...known].slice(0, MAX_ACCEPTED) });
  }

  limits(l: LimitsSnapshot): void {
    this.write({
      limits: {
        contextWindow: l.contextSource === 'config' ? null : l.contextWindow,
        contextSource: l.contextSource === 'config' ? null : l.contextSource,
        maxOutputTokens: l.outputSource === 'config' ? null : l.maxOutputTokens,
        outputSource: l.outputSource === 'config' ? null : l.outputSource,
        tokenRatio: l.tokenRatio,
      },
    });
  }

  private write(change: Partial<CapabilityRecord>): void {
    if (this.readOnly) return;
    const next: CapabilityRecord = { method: 'json_schema', methods: {}, ...this.record, ...change, checkedAt: new Date().toISOString(), source: 'run' };
    this.record = next;
    this.chain = this.chain
      .then(() => writeCapability(this.cacheDir, this.endpoint, this.model, next))
      .catch((err: unknown) => {
        if (this.failed) return;
        this.failed = true;
        this.warn(`could not remember what ${this.endpoint} accepts in capabilities.json (${err instanceof Error ? err.message : String(err)}): the next run learns it again`);
      });
  }

  /** Resolves when every change so far is on disk (or has failed and been said). */
  flush(): Promise<void> {
    return this.chain.then(() => undefined);
  }
}
