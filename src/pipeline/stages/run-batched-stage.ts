import pLimit from 'p-limit';
import { estimateTokens } from '../../model/estimate.js';
import { runBatch } from '../../model/run-batch.js';
import type { ChatMessage, StructuredRequest } from '../../model/types.js';
import { formBatches, ledgerPath, readLedger, writeLedger } from '../batch-ledger.js';
import type { StageContext } from '../../review/engine.js';
import { batchFits, batchShape, itemRoom, promptFits, promptTokensOf, type BatchShape } from './batch-fit.js';
import { guardedGateway, RepackSignal } from './guarded-gateway.js';
import type { ModelStageDeps } from './model-stage-deps.js';
import type { z } from 'zod';

export interface BatchedStageSpec<I extends { id: string }, O extends { id: string }> {
  stage: string;
  /** Identifies the ledger: everything that shapes the requests besides the items. */
  ledgerIdentity: Record<string, unknown>;
  items: I[];
  /** Text of one item as it appears in the prompt (for the token budget). */
  itemText(item: I): string;
  messages(items: I[]): ChatMessage[];
  schemaName: string;
  schema: z.ZodType<{ items: O[] }>;
  maxItems?: number;
  /**
   * A shorter version of an item too large for the context window on its own, whose text takes
   * at most `maxTokens` by `tokensOf` (an abstract cut short); null when it cannot be shortened.
   */
  shrink?(item: I, maxTokens: number, tokensOf: (item: I) => number): I | null;
  /** How a warning names an item (default: its id). */
  label?(item: I): string;
  /**
   * Called with each item's answer as its batch comes back, while other batches are still out: work
   * on one answer that needs no other is done there rather than after the slowest batch.
   */
  onAnswer?(id: string, output: O): void;
}

export interface BatchedStageResult<O> {
  results: Map<string, O>;
  failures: Map<string, string>;
}

/**
 * Run a per-item stage in stable batches through the model, with the repair/bisect loop of
 * runBatch. Batches are packed into the endpoint's context window and output cap as far as they
 * are known (and never beyond --batch-size / LITREV_BATCH_TOKENS); a batch that turns out not to
 * fit (context overflow, reply cut off) is packed again with what is then known. Progress counts
 * items; every failed item is reported, none is dropped.
 */
export async function runBatchedStage<I extends { id: string }, O extends { id: string }>(
  deps: ModelStageDeps,
  spec: BatchedStageSpec<I, O>,
  ctx: StageContext,
): Promise<BatchedStageResult<O>> {
  const file = ledgerPath(deps.cacheDir, {
    ...spec.ledgerIdentity,
    stage: spec.stage,
    model: deps.gateway.modelName,
    endpoint: deps.gateway.endpoint,
  });
  const itemIds = spec.items.map((i) => i.id);
  const state = deps.packing;
  const ledger = await readLedger(file, itemIds);
  const recordedIds = new Set(ledger.batches.flat());
  if (!deps.replay && itemIds.some((id) => !recordedIds.has(id))) await state.discoverLimits();
  const maxItems = spec.maxItems ?? deps.batch.maxItems;
  // Batches are formed with what the stage started with (the same whatever order replies come in);
  // a batch the endpoint refused is packed again with everything learned since.
  const settled = batchShape(state, spec.messages, spec.itemText, state.outputPerItem(spec.stage));
  const shapeNow = () => batchShape(deps.gateway, spec.messages, spec.itemText, state.outputPerItem(spec.stage, 'live'));
  const pack = (items: I[], from: { batches: string[][] }, shape: BatchShape<I>): I[][] => {
    const limits = state.limits();
    return formBatches(items, from, {
      maxItems,
      tokenBudget: deps.batch.tokenBudget,
      tokensOf: (item) => estimateTokens(spec.itemText(item)),
      fits: (batch) => batchFits(limits, shape, batch),
      reusable: deps.replay ? undefined : (batch) => promptFits(limits, promptTokensOf(shape, batch)),
    });
  };
  const formedUnder = state.limits();
  const limitsMoved = () => {
    const now = state.limits();
    return now.contextWindow !== formedUnder.contextWindow || now.maxOutputTokens !== formedUnder.maxOutputTokens;
  };
  const batches = pack(spec.items, ledger, settled);
  // Batches reused from the ledger are sent as they are (their answers are in the cache); new ones
  // are checked when their turn comes if the endpoint revealed a tighter limit meanwhile.
  const recorded = new Set(ledger.batches.map((ids) => ids.join(',')));
  const isNew = (batch: I[]) => !recorded.has(batch.map((i) => i.id).join(','));
  announce(deps, spec.stage, batches, ctx);
  if (deps.writeLedgers) await writeLedger(file, { batches: batches.map((b) => b.map((i) => i.id)) }, itemIds);

  const results = new Map<string, O>();
  const failures = new Map<string, string>();
  const total = spec.items.length;
  let done = 0;

  const fail = (id: string, reason: string) => {
    failures.set(id, reason);
    ctx.paperFailed(id, reason);
  };

  /** Ask for one batch; on a RepackSignal, pack its items again and ask for each part. Returns the batches that answered. */
  const solve = async (batch: I[], shrunk: boolean, check = false): Promise<I[][]> => {
    const gateway = guardedGateway(deps.gateway, state, spec.stage, batch.length, deps.replay);
    try {
      if (check && !deps.replay && batch.length > 1 && limitsMoved() && !batchFits(state.limits(), shapeNow(), batch)) {
        throw new RepackSignal('context', 'the batch no longer fits the limits learned since it was formed');
      }
      const outcome = await runBatch<I, O>(gateway, {
        stage: spec.stage,
        items: batch,
        signal: ctx.signal,
        idOf: (o) => o.id,
        request: (items, repair) => requestFor(spec, deps.sample, ctx.signal, items, repair),
      });
      for (const [id, r] of outcome.results) {
        results.set(id, r.value);
        spec.onAnswer?.(id, r.value);
      }
      for (const f of outcome.failures) fail(f.id, f.reason);
      return [batch];
    } catch (err) {
      if (!(err instanceof RepackSignal)) throw err;
      if (batch.length > 1) {
        let parts = pack(batch, { batches: [] }, shapeNow());
        if (parts.length === 1) parts = halves(batch);
        const solved = await Promise.all(parts.map((p) => solve(p, false)));
        return solved.flat();
      }
      const single = batch[0]!;
      const smaller = err.reason === 'context' && !shrunk ? shrinkToFit(deps, spec, single) : null;
      if (smaller) {
        const name = spec.label?.(single) ?? single.id;
        ctx.warn(`${name}: too long for the model's context window on its own; its abstract was cut to fit (${spec.stage})`);
        return solve([smaller], true);
      }
      fail(single.id, err.message);
      return [];
    }
  };

  const limit = pLimit(Math.max(1, deps.concurrency));
  const answered = await Promise.all(
    batches.map(async (batch) => {
      const parts = await limit(() => solve(batch, false, isNew(batch)));
      done += batch.length;
      ctx.progress(done, total, failures.size);
      return parts;
    }),
  );
  // The batches that answered are what a re-run or a replay asks again.
  const used = answered.flat().map((b) => b.map((i) => i.id));
  if (used.join('|') !== batches.map((b) => b.map((i) => i.id)).join('|')) {
    announce(deps, spec.stage, pack(spec.items, { batches: [] }, shapeNow()), ctx);
    if (deps.writeLedgers) await writeLedger(file, { batches: used }, itemIds);
  }
  return { results, failures };
}

function requestFor<I extends { id: string }, O extends { id: string }>(
  spec: BatchedStageSpec<I, O>,
  sample: number,
  signal: AbortSignal,
  items: I[],
  repair?: { error: string; raw: string },
): StructuredRequest<{ items: O[] }> {
  const messages = spec.messages(items);
  if (repair) {
    messages.push(
      { role: 'assistant', content: repair.raw },
      {
        role: 'user',
        content: `Your previous answer was rejected: ${repair.error}\nAnswer again with valid JSON for exactly these ids: ${items.map((i) => i.id).join(', ')}.`,
      },
    );
  }
  return { stage: spec.stage, schemaName: spec.schemaName, schema: spec.schema, messages, sample, signal };
}

/** A shorter version of an item whose batch of one fits the known window; null when none can. */
function shrinkToFit<I extends { id: string }, O extends { id: string }>(deps: ModelStageDeps, spec: BatchedStageSpec<I, O>, item: I): I | null {
  if (!spec.shrink) return null;
  const shape = batchShape(deps.gateway, spec.messages, spec.itemText, deps.packing.outputPerItem(spec.stage, 'live'));
  const itemTokens = shape.itemTokens(item);
  // The window is known: cut to what is left of it (and by a tenth at least: the endpoint said it
  // does not fit). Not known yet: halve the text and try again.
  const known = itemRoom(deps.packing.limits(), shape);
  const room = known === Number.POSITIVE_INFINITY ? Math.floor(itemTokens / 2) : Math.min(known, Math.floor(itemTokens * 0.9));
  if (room <= 0) return null;
  return spec.shrink(item, room, (i) => shape.itemTokens(i));
}

function halves<I>(items: I[]): I[][] {
  const half = Math.ceil(items.length / 2);
  return [items.slice(0, half), items.slice(half)];
}

/** Say once what the endpoint's limits do to this stage's batches (at its start, and after it learned them). */
function announce<I>(deps: ModelStageDeps, stage: string, batches: I[][], ctx: StageContext): void {
  const size = Math.max(1, ...batches.map((b) => b.length));
  const message = deps.packing.announce(stage, deps.packing.limits(), size);
  if (message) ctx.warn(message);
}
