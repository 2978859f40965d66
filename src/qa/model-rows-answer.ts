import { ConfigError, errorMessage, LitrevError } from '../errors.js';
import type { ModelGateway } from '../model/types.js';
import { paperBlocks } from '../prompts/paper-block.js';
import { renderPrompt, type PromptFile } from '../prompts/prompt-file.js';
import { describeFilters, papersCount } from '../query/describe-plan.js';
import { metricLabel } from '../query/metric-figure.js';
import { removeUnknownCitations } from '../verify/citation-keys.js';
import { createCitationFilter } from './citation-filter.js';
import { createMarkupFilter } from './markup-filter.js';
import type { PlannedResult } from './planned-answer.js';

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
  const sources = paperBlocks(
    rows.map((r) => ({
      id: input.planned.papers.find((p) => p.key === r.key)?.id ?? r.key,
      key: r.key,
      title: r.title,
      abstract: r.quote ?? r.title,
      extra: (r.figure?.value ? { figure: r.figure.value.raw } : {}) as Record<string, string>,
    })),
  );
  const messages = renderPrompt(input.prompt, { question: input.question, summary: resultSummary(input.planned), sources });
  const known = new Set(rows.map((r) => r.key));
  const citations = createCitationFilter(known);
  const markup = createMarkupFilter();
  let streamed = false;
  const emit = (text: string) => {
    if (text === '') return;
    streamed = true;
    input.onToken?.(text);
  };
  let raw: string;
  try {
    const result = await input.gateway.text({ stage: 'answer', messages, signal: input.signal, onToken: (d) => emit(markup.push(citations.push(d))) });
    raw = result.text;
  } catch (err) {
    if (err instanceof LitrevError) throw err;
    throw new LitrevError(`the model could not answer: ${errorMessage(err)}`, { cause: err });
  }
  emit(markup.push(citations.end()) + markup.end());
  const { text, removed } = removeUnknownCitations(raw, known);
  if (!streamed) emit(text);
  return { text: text.trim(), removed };
}
