import { estimateTokens } from '../../model/estimate.js';
import { runBatch } from '../../model/run-batch.js';
import type { ChatMessage, StructuredRequest } from '../../model/types.js';
import { extendLedger, formBatches, ledgerPath, readLedger, writeLedger } from '../batch-ledger.js';
import type { StageContext } from '../../review/engine.js';
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
}

export interface BatchedStageResult<O> {
  results: Map<string, O>;
  failures: Map<string, string>;
}

/**
 * Run a per-item stage in stable batches through the model, with the repair/bisect loop of
 * runBatch. Progress counts items; every failed item is reported, none is dropped.
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
  const ledger = await readLedger(file);
  const batches = formBatches(spec.items, ledger, {
    maxItems: spec.maxItems ?? deps.batch.maxItems,
    tokenBudget: deps.batch.tokenBudget,
    tokensOf: (item) => estimateTokens(spec.itemText(item)),
  });
  if (deps.writeLedgers) await writeLedger(file, extendLedger(ledger, batches.map((b) => b.map((i) => i.id))));

  const results = new Map<string, O>();
  const failures = new Map<string, string>();
  const total = spec.items.length;
  let done = 0;
  await Promise.all(
    batches.map(async (batch) => {
      const outcome = await runBatch<I, O>(deps.gateway, {
        stage: spec.stage,
        items: batch,
        signal: ctx.signal,
        idOf: (o) => o.id,
        request: (items, repair): StructuredRequest<{ items: O[] }> => {
          const messages = spec.messages(items);
          if (repair) {
            messages.push(
              { role: 'assistant', content: repair.raw },
              {
                role: 'user',
                content: `Your previous answer was rejected: ${repair.error}\nAnswer again with valid JSON for exactly these ids: ${items
                  .map((i) => i.id)
                  .join(', ')}.`,
              },
            );
          }
          return { stage: spec.stage, schemaName: spec.schemaName, schema: spec.schema, messages, sample: deps.sample, signal: ctx.signal };
        },
      });
      for (const [id, r] of outcome.results) results.set(id, r.value);
      for (const f of outcome.failures) {
        failures.set(f.id, f.reason);
        ctx.paperFailed(f.id, f.reason);
      }
      done += batch.length;
      ctx.progress(done, total, failures.size);
    }),
  );
  return { results, failures };
}
