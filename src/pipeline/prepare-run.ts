import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import type { ModelGateway } from '../model/types.js';
import { loadPrompts, type PromptSet } from '../prompts/load-prompts.js';
import type { ReviewEngine } from '../review/engine.js';
import type { ModelStageDeps } from './stages/model-stage-deps.js';
import { markRunFolder } from './out-folder.js';

/** Nominal tokens one paper takes in a classification batch (abstract in, annotation out). */
const NOMINAL_TOKENS_PER_PAPER = 400;

export interface PreparedRun {
  runId: string;
  outDir: string;
  prompts: PromptSet;
  promptDir: string | null;
  engine: ReviewEngine;
  repeatEngines: ReviewEngine[];
  gateway: ModelGateway | null;
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Papers per classification request: --batch-size, or as many as the token budget holds. */
export function batchLimits(config: Config): { maxItems: number; tokenBudget: number } {
  if (config.batchSize) return { maxItems: config.batchSize, tokenBudget: Number.MAX_SAFE_INTEGER };
  const maxItems = Math.max(2, Math.min(25, Math.floor(config.batchTokenBudget / NOMINAL_TOKENS_PER_PAPER)));
  return { maxItems, tokenBudget: config.batchTokenBudget };
}

/** Everything one run needs: id and folder, prompts, the engine (and the gateway behind it). */
export async function prepareRun(
  config: Config,
  combo: { promptDir: string | null; model: string },
  options: { signal: AbortSignal; outDir?: string },
): Promise<PreparedRun> {
  const runId = newRunId();
  const outDir = options.outDir ?? path.join(config.runsDir, runId);
  // The folder is a run's from its first moment: a killed run's command, run again, resumes there.
  await markRunFolder(outDir, runId);
  const prompts = await loadPrompts(combo.promptDir ?? undefined);
  // Each engine is loaded only for the runs that use it (a model run's first requests go out sooner).
  if (config.engine === 'offline') {
    const { createOfflineEngine } = await import('./engines/offline-engine.js');
    return { runId, outDir, prompts, promptDir: combo.promptDir, engine: createOfflineEngine({ workers: config.workers }), repeatEngines: [], gateway: null };
  }
  const [{ createGateway }, { BATCH_CONCURRENCY }, { createModelEngine }, { concurrencyBounds }] = await Promise.all([
    import('../model/create-gateway.js'),
    import('../model/batch/from-config.js'),
    import('./engines/model-engine.js'),
    import('../model/concurrency-limiter.js'),
  ]);
  const gateway = await createGateway(config, {
    model: combo.model,
    signal: options.signal,
    ...(config.maxCost !== undefined ? { maxCostUSD: config.maxCost } : {}),
    ...(config.batch.api ? { batch: { registry: path.join(outDir, 'batches.json') } } : {}),
  });
  const deps: Omit<ModelStageDeps, 'packing'> = {
    gateway,
    prompts,
    cacheDir: config.cacheDir,
    writeLedgers: config.cacheMode === 'readwrite' || config.cacheMode === 'refresh',
    replay: config.cacheMode === 'replay',
    batch: batchLimits(config),
    // A Batch API stage sends all its requests together (one batch per stage); synchronous ones, a wave at a time.
    // The model layer's limiter decides how many are out at once: a stage offers it up to the ceiling.
    concurrency: config.batch.api ? BATCH_CONCURRENCY : concurrencyBounds(config).ceiling,
    sample: 0,
  };
  const repeatEngines = Array.from({ length: config.repeat - 1 }, (_, i) => createModelEngine({ ...deps, sample: i + 1 }));
  return { runId, outDir, prompts, promptDir: combo.promptDir, engine: createModelEngine(deps), repeatEngines, gateway };
}
