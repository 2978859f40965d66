import { ContextOverflowError, ModelRequestError } from '../../model/model-errors.js';
import type { ModelGateway, StructuredRequest, StructuredResult } from '../../model/types.js';
import { promptFits } from './batch-fit.js';
import type { PackingState } from './packing-state.js';

/** A batch did not fit the model's limits: pack its items again, smaller. Never leaves the stage. */
export class RepackSignal extends Error {
  constructor(
    readonly reason: 'context' | 'output',
    message: string,
  ) {
    super(message);
    this.name = 'RepackSignal';
  }
}

/**
 * True for the model layer's "the request did not fit the model's limits": a ContextOverflowError
 * (the prompt passed the window, or the reply the output cap), or a request rejected as too long.
 */
export function isContextOverflow(err: unknown): boolean {
  return err instanceof ContextOverflowError || (err instanceof ModelRequestError && err.contextOverflow);
}

/**
 * The gateway as one batch sees it. The batch's first request (all its items) is checked against
 * the known window before it is sent, and a context overflow or a reply cut off at the output cap
 * becomes a RepackSignal, so the stage packs the items again with what is now known instead of
 * bisecting blindly. Later requests of the batch (repairs, halves) are rejected locally when they
 * cannot fit, which runBatch answers by splitting them. Every reply's size is measured.
 */
export function guardedGateway(gateway: ModelGateway, state: PackingState, stage: string, items: number, replay = false): ModelGateway {
  let first = true;
  const structured = async <T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> => {
    const isFirst = first;
    first = false;
    const limits = state.limits();
    const tokens = state.countTokens(request.messages);
    // Under --cache replay a batch of several papers is asked as the ledger recorded it: the cache holds what the
    // endpoint answered then, even when a window learned later says the prompt no longer fits. A single paper that
    // does not fit is cut to fit, as the run that filled the cache did.
    if (!(replay && items > 1) && !promptFits(limits, tokens)) {
      const message = `the prompt (${tokens} tokens) does not fit the model's context window of ${limits.contextWindow} tokens`;
      if (isFirst) throw new RepackSignal('context', message);
      throw new ModelRequestError(message, { exhausted: false, contextOverflow: true });
    }
    let res: StructuredResult<T>;
    try {
      res = await gateway.structured(request);
    } catch (err) {
      if (!isContextOverflow(err)) throw err;
      const message = (err as Error).message;
      if (isFirst) throw new RepackSignal(err instanceof ContextOverflowError && err.overflow === 'output' ? 'output' : 'context', message);
      if (err instanceof ModelRequestError) throw err;
      throw new ModelRequestError(message, { exhausted: false, contextOverflow: true, cause: err });
    }
    if (!res.ok && (res.kind === 'truncated' || (res.kind === 'empty' && /token limit/.test(res.error)))) {
      // Only a cut a limit explains bounds the batches to come; one at a random point (asked again already by the
      // model layer) splits this batch alone.
      if (cutByLimit(res.usage.completionTokens, request.maxTokens, gateway.limits().maxOutputTokens)) state.recordTruncated(res.usage.completionTokens);
      if (isFirst && items > 1) throw new RepackSignal('output', res.error);
    } else if (res.ok && isFirst) {
      state.recordOutput(stage, res.usage.completionTokens, items);
    }
    return res;
  };
  return new Proxy(gateway, {
    get(target, prop, receiver) {
      if (prop === 'structured') return structured;
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Whether a reply cut after `completion` tokens stopped at a limit: the output the request asked for, or the endpoint's known cap. */
function cutByLimit(completion: number, asked: number | undefined, cap: number | null): boolean {
  return (asked !== undefined && completion >= asked - 1) || (cap !== null && completion >= cap - 1);
}
