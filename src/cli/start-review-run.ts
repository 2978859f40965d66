import type { Config } from '../config/schema.js';
import type { Corpus } from '../corpus/paper.js';
import type { CategorySpec } from '../review/engine.js';
import type { ReviewEvent } from '../pipeline/events.js';
import { prepareRun } from '../pipeline/prepare-run.js';
import { runReview } from '../pipeline/run-review.js';
import type { CommandContext } from './command.js';
import { questionStoreStage } from './question-store-step.js';

/** One run of `litrev review`: a prompt folder (null: the built-in prompts) and a model. */
export interface ReviewCombo {
  promptDir: string | null;
  model: string;
}

/**
 * Prepare one combination's run (id, folder, prompts, engine) and start its review over the
 * command line's inputs, ending with the question store of the workspace's corpus (stage `index`). `outDir`
 * overrides the default `<runsDir>/<run-id>`.
 */
export async function startReviewRun(
  ctx: CommandContext,
  config: Config,
  corpus: Corpus,
  combo: ReviewCombo,
  options: { outDir?: string | undefined; taxonomyCategories?: CategorySpec[] | undefined },
): Promise<{ runId: string; events: AsyncIterable<ReviewEvent> }> {
  const { outDir, taxonomyCategories } = options;
  const prepared = await prepareRun(config, combo, { signal: ctx.signal, ...(outDir ? { outDir } : {}) });
  const events = runReview({
    config,
    corpus,
    inputs: ctx.args,
    ...prepared,
    signal: ctx.signal,
    ...(taxonomyCategories ? { taxonomyCategories } : {}),
    // The first question after the review finds its store (src/qa/question-store.ts).
    index: questionStoreStage(config.workspaceDir, corpus),
  });
  return { runId: prepared.runId, events };
}
