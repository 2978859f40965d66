import { errorMessage, LitrevError } from '../errors.js';
import type { ChatMessage, ModelGateway } from '../model/types.js';
import { renderPrompt, type PromptFile } from '../prompts/prompt-file.js';
import type { CorpusTable } from '../query/corpus-table.js';
import { planProblems, QueryPlanSchema, type QueryPlan } from '../query/query-plan.js';
import { CONTRIBUTION_TYPES } from '../review/annotation.js';
import { formatHistory } from './conversation.js';
import type { QaTurn } from './types.js';

export interface ModelPlanInput {
  question: string;
  table: CorpusTable;
  gateway: ModelGateway;
  prompt?: PromptFile;
  history: readonly QaTurn[];
  hasPrevious: boolean;
  signal?: AbortSignal;
  /** Told when the model's plan failed twice and retrieval answers instead. */
  onWarning?: (message: string) => void;
}

/**
 * The model's query plan for a question, through structured output (validated by QueryPlanSchema, then by
 * what each kind needs): one retry with the validation error, then null (retrieval answers). Goes through
 * the response cache like every request, so a replay plans the same.
 */
export async function modelPlan(input: ModelPlanInput): Promise<QueryPlan | null> {
  if (!input.prompt) return null;
  const base = renderPrompt(input.prompt, {
    question: input.question,
    history: formatHistory(input.history),
    categories: input.table.categoryNames.length > 0 ? input.table.categoryNames.join('; ') : '(no review yet)',
    types: CONTRIBUTION_TYPES.join(', '),
  });
  let messages: ChatMessage[] = base;
  let problem = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    let reply;
    try {
      reply = await input.gateway.structured({ stage: 'plan', schemaName: 'query_plan', schema: QueryPlanSchema, messages, signal: input.signal });
    } catch (err) {
      if (err instanceof LitrevError) throw err;
      throw new LitrevError(`the model could not plan the question: ${errorMessage(err)}`, { cause: err });
    }
    if (reply.ok) {
      const plan: QueryPlan = { ...reply.value, scope: input.hasPrevious ? reply.value.scope : 'corpus' };
      const problems = planProblems(plan);
      if (problems.length === 0) return plan;
      problem = problems.join('; ');
    } else problem = reply.error;
    messages = [...base, { role: 'assistant', content: reply.raw }, { role: 'user', content: `That plan is not valid: ${problem}. Reply with a corrected plan.` }];
  }
  input.onWarning?.(`the model's query plan was not valid twice (${problem}); answering from retrieval`);
  return null;
}
