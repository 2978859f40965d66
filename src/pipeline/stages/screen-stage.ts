import type { Paper } from '../../corpus/paper.js';
import { titleAbstractBlock } from '../../prompts/paper-block.js';
import { renderPrompt } from '../../prompts/prompt-file.js';
import type { Relevance, StageContext } from '../../review/engine.js';
import { ScreenBatchSchema, type ScreenItem } from './reply-schemas.js';
import type { ModelStageDeps } from './model-stage-deps.js';
import { runBatchedStage } from './run-batched-stage.js';
import { shrinkPaper } from './shrink-paper.js';

/**
 * --topic: decide per paper whether it bears on the topic. A paper the model could not screen
 * is kept (relevant, with the failure as its reason): excluding it silently would bias the review.
 */
export async function screenWithModel(
  deps: ModelStageDeps,
  papers: Paper[],
  topic: string,
  ctx: StageContext,
): Promise<Map<string, Relevance>> {
  const prompt = deps.prompts.screen;
  const { results, failures } = await runBatchedStage<Paper, ScreenItem>(
    deps,
    {
      stage: 'screen',
      ledgerIdentity: { prompt: prompt.hash, topic },
      items: papers,
      itemText: titleAbstractBlock,
      messages: (items) => renderPrompt(prompt, { topic, papers: items.map(titleAbstractBlock).join('\n\n') }),
      schemaName: 'screening',
      schema: ScreenBatchSchema,
      shrink: shrinkPaper,
      label: (p) => p.key,
      maxItems: deps.batch.maxItems * 2,
    },
    ctx,
  );
  const out = new Map<string, Relevance>();
  for (const p of papers) {
    const r = results.get(p.id);
    out.set(p.id, r ? { relevant: r.relevant, reason: r.reason } : { relevant: true, reason: `kept: screening failed (${failures.get(p.id) ?? 'no answer'})` });
  }
  return out;
}
