import type { Paper } from '../../corpus/paper.js';
import { titleAbstractBlock } from '../../prompts/paper-block.js';
import { renderPrompt } from '../../prompts/prompt-file.js';
import { decideScreening, type CriteriaScreening, type CriteriaSet, type CriterionAnswer } from '../../review/criteria.js';
import type { StageContext } from '../../review/engine.js';
import { CriteriaBatchSchema, type CriteriaItem } from './reply-schemas.js';
import type { ModelStageDeps } from './model-stage-deps.js';
import { runBatchedStage } from './run-batched-stage.js';
import { shrinkPaper } from './shrink-paper.js';

/** The criteria as the prompt lists them: one line each, with its kind. */
export function criteriaText(set: CriteriaSet): string {
  return set.criteria.map((c) => `- ${c.id} (${c.kind === 'inclusion' ? 'inclusion' : 'exclusion'}): ${c.text}`).join('\n');
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The model's answers for one paper, kept honest: answers to criteria the file does not have are
 * dropped, a quote that is not verbatim in the title or abstract is dropped (the reason says so),
 * and a criterion left unanswered counts as unclear (decideScreening).
 */
export function checkAnswers(set: CriteriaSet, paper: Paper, item: CriteriaItem): CriterionAnswer[] {
  const ids = new Set(set.criteria.map((c) => c.id));
  const source = squash(`${paper.title}\n${paper.abstract}`);
  const seen = new Set<string>();
  return item.answers.flatMap((a) => {
    if (!ids.has(a.criterion) || seen.has(a.criterion)) return [];
    seen.add(a.criterion);
    const quote = a.quote?.trim() ? a.quote.trim() : null;
    if (quote && !source.includes(squash(quote))) {
      return [{ criterion: a.criterion, answer: a.answer, reason: `${a.reason.trim()} (quote not verbatim in the abstract, dropped)`, quote: null }];
    }
    return [{ criterion: a.criterion, answer: a.answer, reason: a.reason.trim(), quote }];
  });
}

/**
 * --criteria: the model answers met / not-met / unclear per paper and criterion; the decision is
 * computed in code. A paper the model could not screen is kept (every criterion unclear, the failure
 * as the reason): excluding it silently would bias the review.
 */
export async function screenCriteriaWithModel(
  deps: ModelStageDeps,
  papers: Paper[],
  set: CriteriaSet,
  ctx: StageContext,
): Promise<Map<string, CriteriaScreening>> {
  const prompt = deps.prompts['screen-criteria'];
  const criteria = criteriaText(set);
  const { results, failures } = await runBatchedStage<Paper, CriteriaItem>(
    deps,
    {
      stage: 'screen',
      ledgerIdentity: { prompt: prompt.hash, criteria },
      items: papers,
      itemText: titleAbstractBlock,
      messages: (items) => renderPrompt(prompt, { criteria, papers: items.map(titleAbstractBlock).join('\n\n') }),
      schemaName: 'criteria_screening',
      schema: CriteriaBatchSchema,
      // As in topic screening: an abstract too long for the window on its own is cut to fit, not failed.
      shrink: shrinkPaper,
      label: (p) => p.key,
      maxItems: deps.batch.maxItems,
    },
    ctx,
  );
  const out = new Map<string, CriteriaScreening>();
  for (const p of papers) {
    const item = results.get(p.id);
    const answers = item
      ? checkAnswers(set, p, item)
      : set.criteria.map((c) => ({ criterion: c.id, answer: 'unclear' as const, reason: `kept: screening failed (${failures.get(p.id) ?? 'no answer'})`, quote: null }));
    out.set(p.id, decideScreening(set.criteria, answers));
  }
  return out;
}
