import { ConfigError } from '../errors.js';
import type { ModelGateway } from '../model/types.js';
import { paperBlocks } from '../prompts/paper-block.js';
import { renderPrompt, type PromptFile } from '../prompts/prompt-file.js';
import { describeFilters, papersCount } from '../query/describe-plan.js';
import { metricLabel } from '../query/metric-figure.js';
import type { PlannedResult } from './planned-answer.js';
import { streamAnswer } from './stream-answer.js';

/** Rows given to the model at most; the count and the filter stay exact whatever the number of rows. */
const MAX_ROWS = 40;

export interface ModelRowsInput {
  question: string;
  planned: PlannedResult;
  gateway: ModelGateway;
  prompt?: PromptFile;
  shown?: number;
  onToken?: (delta: string) => void;
  signal?: AbortSignal;
}

/** The result in words for the prompt: the exact count and filter, the groups or the figures' metric. */
export function resultSummary(planned: PlannedResult): string {
  const { result } = planned;
  const plan = result.plan;
  const lines = [`${papersCount(result.count)} ${describeFilters(plan)}.`];
  if (plan.kind === 'distribution') lines.push(`By ${plan.groupBy}: ${result.groups.map((g) => `${g.value} ${g.count}`).join('; ')}.`);
  if (plan.metric) lines.push(`${result.rows.length} of them report a ${metricLabel(plan.metric)} figure (sorted, ${plan.order ?? 'largest'} first).`);
  if (plan.kind === 'compare') lines.push(`Compared: ${plan.subjects.join(', ')}.`);
  if (result.rows.length > MAX_ROWS) lines.push(`The first ${MAX_ROWS} papers follow.`);
  return lines.join(' ');
}

/**
 * The model's answer from the result rows only: each row is a paper block with the sentence behind it (and its
 * figure); the stream is cleaned of citations of keys outside the rows and of prompt markup as it arrives.
 */
export async function modelRowsAnswer(input: ModelRowsInput): Promise<{ text: string; removed: string[] }> {
  if (!input.prompt) throw new ConfigError('the answer-rows prompt is missing');
  const rows = input.planned.result.rows.slice(0, MAX_ROWS);
  const idOf = input.planned.ids;
  const sources = paperBlocks(
    rows.map((r) => ({
      id: idOf.get(r.key) ?? r.key,
      key: r.key,
      title: r.title,
      abstract: r.quote ?? r.title,
      extra: (r.figure?.value ? { figure: r.figure.value.raw } : {}) as Record<string, string>,
    })),
  );
  const messages = renderPrompt(input.prompt, { question: input.question, summary: resultSummary(input.planned), sources });
  const known = new Set(rows.map((r) => r.key));
  const idToKey = new Map(rows.map((r) => [idOf.get(r.key) ?? r.key, r.key]));
  return streamAnswer({ gateway: input.gateway, messages, known, idToKey, stripMarkup: true, onToken: input.onToken, signal: input.signal });
}
