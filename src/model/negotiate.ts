import type { StructuredMethod } from '../config/schema.js';
import type { ErrorClass } from './classify-error.js';
import { adaptParams, defaultParams, ShapeGate, type RequestParams, type ShapeKind } from './request-shape.js';
import { METHOD_ORDER, type WireMethod } from './structured-method.js';

/** Replies off the schema's shape that show an endpoint ignores json_schema (one could be a fluke of the model). */
const UNENFORCED_EVIDENCE = 2;

export interface NegotiatorOptions {
  /** The first request of a kind probes while the others wait (false with --batch-api: a probe would cost a whole batch round). */
  singleFlight?: boolean;
  model: string;
  structuredMethod: StructuredMethod;
  /** What a capability file remembers for this endpoint + model (`accepted`: request shapes that succeeded). */
  remembered: { method?: WireMethod; params?: RequestParams; accepted?: string[] } | null;
  /** Record what works (capability file); called after each change. */
  persist: (state: { method: WireMethod; rejected: WireMethod[]; params: RequestParams }) => void;
  /** Record a request shape the endpoint accepted (capability file). */
  accepted?: (signature: string) => void;
  onAdapted: (change: string) => void;
  /** A request started waiting for a shape probe. */
  onWaiting?: () => void;
}

/**
 * Method negotiation and request-shape adaptation for one endpoint + model: the structured method
 * (`auto` walks json_schema -> function_calling -> json_mode), the parameters it accepts, and the
 * single-flight gate that makes the first request of a kind probe while the others wait.
 */
export class Negotiator {
  readonly gate: ShapeGate;
  private currentMethod: WireMethod;
  private currentParams: RequestParams;
  private readonly rejected = new Set<WireMethod>();
  private offSchemaReplies = 0;
  readonly adapted: string[] = [];

  constructor(private readonly o: NegotiatorOptions) {
    this.gate = new ShapeGate(o.singleFlight ?? true, o.remembered?.accepted ?? [], (signature) => o.accepted?.(signature), () => o.onWaiting?.());
    this.currentMethod = o.structuredMethod === 'auto' ? (o.remembered?.method ?? 'json_schema') : o.structuredMethod;
    this.currentParams = o.remembered?.params ?? defaultParams(o.model);
  }

  get method(): WireMethod {
    return this.currentMethod;
  }
  get params(): RequestParams {
    return this.currentParams;
  }
  get auto(): boolean {
    return this.o.structuredMethod === 'auto';
  }

  /**
   * Adapt to a 400 for a request of `kind` sent with `method` and `params`. True when something
   * changed (the caller rebuilds the request), false when nothing is left to change.
   */
  adapt(kind: ShapeKind, sent: { method: WireMethod | null; params: RequestParams }, cls: Extract<ErrorClass, { type: 'shape' | 'rejected' }>): boolean {
    // Another request adapted already: just rebuild with what is current.
    if (sent.params !== this.currentParams || (sent.method !== null && sent.method !== this.currentMethod)) return true;
    if (cls.type === 'shape' && cls.param !== null) {
      const next = adaptParams(this.currentParams, cls.param, cls.message);
      if (next) return this.change(() => (this.currentParams = next), `${cls.param}: ${describeParams(next)} (${cls.message})`);
    }
    const methodComplaint = kind === 'structured' && this.auto && (cls.status === 400 || cls.status === 422);
    if (!methodComplaint || sent.method === null) return false;
    this.rejected.add(sent.method);
    const next = nextMethod(this.rejected, sent.method);
    if (next === null) return false;
    return this.change(() => (this.currentMethod = next), `structured output through ${next}: ${sent.method} was rejected (${cls.message})`);
  }

  /**
   * A fresh reply to a json_schema request was JSON but not the schema's shape at its top level. An
   * endpoint that enforces the schema never answers so; one that accepts
   * `response_format` and ignores it (Anthropic's OpenAI compatibility layer, some proxies) does,
   * every time. After UNENFORCED_EVIDENCE such replies, `auto` moves on to the next method, whose
   * schema the model does see (a tool's parameters, or the schema written into the prompt).
   * `switched`: it did now; `stale`: it had already (the request is to be rebuilt); `counted`: one
   * more piece of evidence; `ignored`: not evidence (another method sent, or the method is configured).
   */
  schemaNotEnforced(sent: WireMethod | null): 'switched' | 'stale' | 'counted' | 'ignored' {
    if (!this.auto || sent !== 'json_schema') return 'ignored';
    if (this.currentMethod !== 'json_schema') return 'stale';
    if (++this.offSchemaReplies < UNENFORCED_EVIDENCE) return 'counted';
    this.rejected.add('json_schema');
    const next = nextMethod(this.rejected, 'json_schema');
    if (next === null) return 'ignored';
    this.change(
      () => (this.currentMethod = next),
      `structured output through ${next}: the endpoint accepts json_schema but does not hold its replies to it (${this.offSchemaReplies} replies were not the schema's shape)`,
    );
    return 'switched';
  }

  /** A structured request succeeded with `method`: remember it when it is not what runs started with. */
  succeeded(method: WireMethod | null): void {
    if (method !== null && this.rejected.size > 0 && method === this.currentMethod) this.persist();
  }

  private change(apply: () => void, what: string): true {
    apply();
    this.gate.reset();
    this.adapted.push(what);
    this.o.onAdapted(what);
    this.persist();
    return true;
  }

  private persist(): void {
    this.o.persist({ method: this.currentMethod, rejected: [...this.rejected], params: this.currentParams });
  }
}

function describeParams(p: RequestParams): string {
  return `now ${p.tokensField}${p.temperature ? '' : ', no temperature'}${p.seed ? '' : ', no seed'}`;
}

/** The structured method after `rejected` failed, in METHOD_ORDER; null when none is left. */
function nextMethod(rejected: ReadonlySet<WireMethod>, from: WireMethod): WireMethod | null {
  return METHOD_ORDER.slice(METHOD_ORDER.indexOf(from)).find((m) => !rejected.has(m)) ?? null;
}
