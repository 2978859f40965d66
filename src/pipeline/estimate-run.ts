import type { Config } from '../config/schema.js';
import type { Paper } from '../corpus/paper.js';
import { estimateCostUSD, estimateMessagesTokens, estimateTokens } from '../model/estimate.js';
import { paperBlocks } from '../prompts/paper-block.js';
import type { PromptSet } from '../prompts/load-prompts.js';
import { renderPrompt } from '../prompts/prompt-file.js';
import { formBatches } from './batch-ledger.js';
import { batchLimits } from './prepare-run.js';

/** Completion tokens expected per item, by stage (conservative: a little above what replies use). */
const OUTPUT_PER_PAPER = { classify: 260, screen: 45, assign: 20 } as const;
const OUTPUT_PER_SECTION = 900;
const CATEGORY_GUESS = 10;

export interface RunEstimate {
  model: string;
  papers: number;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  /** null when the model has no known price. */
  costUSD: number | null;
  byStage: Record<string, { requests: number; promptTokens: number; completionTokens: number }>;
  /** What the estimate assumes. */
  assumptions: string[];
}

/**
 * Estimate the requests, tokens and cost of a model run before any call: the classification
 * batches are rendered for real; the later stages are estimated from the corpus size. The figure
 * counts every request as sent: cached answers would cost nothing. Token counts are estimates
 * (no tokenizer is loaded); --max-cost also stops a run whose actual spending crosses it.
 */
export function estimateRun(config: Config, papers: Paper[], prompts: PromptSet, model: string): RunEstimate {
  const byStage: RunEstimate['byStage'] = {};
  const add = (stage: string, requests: number, promptTokens: number, completionTokens: number) => {
    const s = (byStage[stage] ??= { requests: 0, promptTokens: 0, completionTokens: 0 });
    s.requests += requests;
    s.promptTokens += promptTokens;
    s.completionTokens += completionTokens;
  };
  const limits = batchLimits(config);
  const block = (p: Paper) => paperBlocks([{ id: p.id, title: p.title, abstract: p.abstract }]);
  const batches = formBatches(papers, { batches: [] }, { ...limits, tokensOf: (p) => estimateTokens(block(p)) });
  const repeats = config.repeat;

  if (config.topic) {
    const screenBatches = formBatches(papers, { batches: [] }, { ...limits, maxItems: limits.maxItems * 2, tokensOf: (p) => estimateTokens(block(p)) });
    for (const b of screenBatches) {
      add('screen', 1, estimateMessagesTokens(renderPrompt(prompts.screen, { topic: config.topic, papers: b.map(block).join('\n\n') })), b.length * OUTPUT_PER_PAPER.screen);
    }
  }
  for (const b of batches) {
    const messages = renderPrompt(prompts.classify, { papers: b.map(block).join('\n\n') });
    add('classify', repeats, repeats * estimateMessagesTokens(messages), repeats * b.length * OUTPUT_PER_PAPER.classify);
  }
  const n = papers.length;
  const mapChunks = Math.max(1, Math.ceil(n / 150));
  add('taxonomy', mapChunks + (mapChunks > 1 ? 1 : 0), mapChunks * 600 + n * 20, (mapChunks + 1) * 500);
  const assignRequests = Math.ceil(n / (limits.maxItems * 2));
  add('assign', assignRequests * repeats, assignRequests * repeats * 500 + n * repeats * 60, n * repeats * OUTPUT_PER_PAPER.assign);
  const categories = Math.min(CATEGORY_GUESS, Math.max(1, n));
  add('synthesize', categories + 1, n * 160 + categories * 450 + categories * OUTPUT_PER_SECTION, categories * OUTPUT_PER_SECTION + 700);

  const totals = Object.values(byStage).reduce(
    (t, s) => ({ requests: t.requests + s.requests, promptTokens: t.promptTokens + s.promptTokens, completionTokens: t.completionTokens + s.completionTokens }),
    { requests: 0, promptTokens: 0, completionTokens: 0 },
  );
  return {
    model,
    papers: n,
    ...totals,
    costUSD: estimateCostUSD(model, totals.promptTokens, totals.completionTokens, config.batch.api ? 'batch' : 'standard'),
    byStage,
    assumptions: [
      `classification batches rendered for real (${batches.length} of up to ${limits.maxItems} papers)`,
      `about ${CATEGORY_GUESS} categories; later stages estimated from the corpus size`,
      'every request counted as sent (cached answers cost nothing); tokens estimated without a tokenizer (within 20% of o200k in the tests)',
      ...(config.batch.api ? ['--batch-api: priced at Batch API rates (half the list price)'] : []),
    ],
  };
}
