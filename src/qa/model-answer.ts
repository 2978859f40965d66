import type { ModelGateway } from '../model/types.js';
import { formatTokens } from '../prompts/context-budget.js';
import { paperBlocks, type PaperBlockFields } from '../prompts/paper-block.js';
import { renderPrompt, type PromptFile } from '../prompts/prompt-file.js';
import type { Hit } from '../retrieval/types.js';
import { formatHistory } from './conversation.js';
import { fitSources, type FittedSources } from './fit-sources.js';
import { streamAnswer } from './stream-answer.js';
import type { QaTurn } from './types.js';

export interface ModelAnswerInput {
  question: string;
  history: readonly QaTurn[];
  sources: readonly Hit[];
  gateway: ModelGateway;
  prompt: PromptFile;
  onToken?: (delta: string) => void;
  /** Told when the sources had to be trimmed to fit the model's context window. */
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
}

/**
 * The model's answer from the retrieved sources, streamed through a filter that drops citations of
 * keys that are not among the sources (so a made-up key never reaches the screen). Returns the
 * cleaned text and the keys removed.
 */
export async function modelAnswer(input: ModelAnswerInput): Promise<{ text: string; removed: string[] }> {
  const history = formatHistory(input.history);
  const fitted = fitSources(input.gateway, input.sources, (sources) =>
    renderPrompt(input.prompt, { sources: paperBlocks(sources.map(sourceBlock)), history, question: input.question }),
  );
  if (fitted.dropped > 0 || fitted.cut) input.onWarning?.(contextNote(input.gateway, input.sources.length, fitted));
  const known = new Set(fitted.sources.map((h) => h.paper.key));
  const idToKey = new Map(fitted.sources.map((h) => [h.paper.id, h.paper.key]));
  const messages = fitted.messages;
  return streamAnswer({ gateway: input.gateway, messages, known, idToKey, onToken: input.onToken, signal: input.signal });
}

function sourceBlock(hit: Hit): PaperBlockFields {
  const n = hit.notes;
  const extra: Record<string, string> = {};
  if (hit.paper.year !== undefined) extra.year = String(hit.paper.year);
  if (n?.category) extra.category = n.category;
  if (n?.methodSummary) extra.method = n.methodSummary;
  if (n && n.claims.length > 0) extra.claims = n.claims.map((c) => c.text).join('; ');
  return { id: hit.paper.id, key: hit.paper.key, title: hit.paper.title, abstract: hit.paper.abstract, extra };
}

function contextNote(gateway: ModelGateway, retrieved: number, fitted: FittedSources): string {
  const window = gateway.limits().contextWindow ?? 0;
  const what = fitted.cut ? `1 of ${retrieved} sources, its abstract cut short` : `${fitted.sources.length} of ${retrieved} sources`;
  return `the model's context window is ${formatTokens(window)} tokens: the answer is written from ${what}; for Ollama raise it with OLLAMA_CONTEXT_LENGTH or num_ctx`;
}
