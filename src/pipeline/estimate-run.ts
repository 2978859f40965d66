import type { CriteriaSet } from '../review/criteria.js';
import { criteriaText } from './stages/criteria-stage.js';
import type { Config } from '../config/schema.js';
import type { Paper } from '../corpus/paper.js';
import { estimateCostUSD, estimateMessagesTokens, estimateTokens } from '../model/estimate.js';
import type { ChatMessage, EndpointLimits } from '../model/types.js';
import { paperBlock, titleAbstractBlock } from '../prompts/paper-block.js';
import { toStrictJsonSchema } from '../model/strict-json-schema.js';
import { assignBatchSchema, ClassifyBatchSchema, CriteriaBatchSchema, OverviewSchema, ScreenBatchSchema, SectionSchema } from './stages/reply-schemas.js';
import type { PromptSet } from '../prompts/load-prompts.js';
import { renderPrompt } from '../prompts/prompt-file.js';
import { formBatches } from './batch-ledger.js';
import { batchLimits } from './prepare-run.js';
import { batchFits, batchShape } from './stages/batch-fit.js';
import { outputPrior } from './stages/packing-state.js';
import { MAP_TOKENS } from './stages/taxonomy-stage.js';

/** Completion tokens expected per item, by stage (conservative: a little above what replies use). */
const OUTPUT_PER_PAPER = { classify: 260, screen: 45, assign: 20 } as const;
/** Output tokens of one criterion's answer (answer, reason, quote). */
const OUTPUT_PER_CRITERION = 60;
const OUTPUT_PER_SECTION = 900;
/** Categories the model is assumed to propose: the middle of the 5-12 the taxonomy prompt asks for. */
const CATEGORY_GUESS = 8;
/** Prompt tokens per paper of the taxonomy and assignment stages (family line, assignment block), measured on the example corpus. */
const LATER_TOKENS_PER_PAPER = { taxonomy: 8, assign: 50 } as const;
/**
 * A paper's annotation in a section prompt (method summary and claims, without the quotes), as a share of its
 * abstract: what a careful model writes (see docs/costs.md for the measurement).
 */
const ANNOTATION_SHARE = 0.3;
/** The most of one section the overview reads (stages/overview-input.ts). */
const OVERVIEW_SECTION_SHARE = 600;

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
  /** Requests estimated beyond the known context window (config contextWindow), per stage; empty when unknown. */
  overContext: { stage: string; requests: number; largestTokens: number; contextWindow: number }[];
}

/**
 * Estimate the requests, tokens and cost of a model run before any call: the screening and
 * classification batches are formed and rendered for real, packed into the configured context
 * window and output cap exactly as the run packs them, with the JSON schema each request carries; the
 * later stages are estimated from the corpus (sections from each paper's title and abstract, for
 * CATEGORY_GUESS categories). What it assumes is listed in `assumptions` and printed. The figure counts every request as sent: cached answers would cost nothing. Token
 * counts are estimates (no tokenizer is loaded); --max-cost also stops a run whose actual spending
 * crosses it.
 */
export function estimateRun(config: Config, papers: Paper[], prompts: PromptSet, model: string, options: { criteria?: CriteriaSet | null; known?: EndpointLimits } = {}): RunEstimate {
  const { criteria = null, known } = options;
  const byStage: RunEstimate['byStage'] = {};
  const configuredWindow = config.model.contextWindow;
  const over = new Map<string, { requests: number; largestTokens: number }>();
  // Each call adds `requests` alike requests; one of them holds (prompt + completion) / requests tokens.
  const add = (stage: string, requests: number, promptTokens: number, completionTokens: number) => {
    const s = (byStage[stage] ??= { requests: 0, promptTokens: 0, completionTokens: 0 });
    s.requests += requests;
    s.promptTokens += promptTokens;
    s.completionTokens += completionTokens;
    const each = requests > 0 ? Math.ceil((promptTokens + completionTokens) / requests) : 0;
    if (configuredWindow !== undefined && each > configuredWindow) {
      const o = over.get(stage) ?? { requests: 0, largestTokens: 0 };
      over.set(stage, { requests: o.requests + requests, largestTokens: Math.max(o.largestTokens, each) });
    }
  };
  const limits = known ?? configuredLimits(config);
  const bounds = batchLimits(config);
  const counter = { countTokens: (m: ChatMessage[]) => estimateMessagesTokens(m) };
  // Packed as the run packs them: with the output per paper a run assumes before measuring any.
  const pack = (stage: 'classify' | 'screen', render: (items: Paper[]) => ChatMessage[], maxItems: number) => {
    const shape = batchShape(counter, render, titleAbstractBlock, outputPrior(stage));
    return formBatches(papers, { batches: [] }, { maxItems, tokenBudget: bounds.tokenBudget, tokensOf: (p) => estimateTokens(titleAbstractBlock(p)), fits: (b) => batchFits(limits, shape, b) });
  };
  const repeats = config.repeat;
  const schemaTokens = stageSchemaTokens();

  const topic = config.topic;
  if (criteria) {
    const text = criteriaText(criteria);
    const render = (b: Paper[]) => renderPrompt(prompts['screen-criteria'], { criteria: text, papers: b.map(titleAbstractBlock).join('\n\n') });
    for (const b of pack('screen', render, bounds.maxItems)) add('screen', 1, estimateMessagesTokens(render(b)) + schemaTokens.criteria, b.length * criteria.criteria.length * OUTPUT_PER_CRITERION);
  } else if (topic) {
    const render = (b: Paper[]) => renderPrompt(prompts.screen, { topic, papers: b.map(titleAbstractBlock).join('\n\n') });
    for (const b of pack('screen', render, bounds.maxItems * 2)) add('screen', 1, estimateMessagesTokens(render(b)) + schemaTokens.screen, b.length * OUTPUT_PER_PAPER.screen);
  }
  const renderClassify = (b: Paper[]) => renderPrompt(prompts.classify, { papers: b.map(titleAbstractBlock).join('\n\n') });
  const batches = pack('classify', renderClassify, bounds.maxItems);
  for (const b of batches) {
    add('classify', repeats, repeats * (estimateMessagesTokens(renderClassify(b)) + schemaTokens.classify), repeats * b.length * OUTPUT_PER_PAPER.classify);
  }
  const n = papers.length;
  const window = limits.contextWindow ?? Number.POSITIVE_INFINITY;
  // Method family lines of about 8 tokens per paper, at most MAP_TOKENS (and half the window) per request.
  const mapChunks = Math.max(1, Math.ceil((n * LATER_TOKENS_PER_PAPER.taxonomy) / Math.max(500, Math.min(MAP_TOKENS, window / 2))));
  add('taxonomy', mapChunks + (mapChunks > 1 ? 1 : 0), mapChunks * 600 + n * LATER_TOKENS_PER_PAPER.taxonomy, (mapChunks + 1) * 500);
  const assignPerRequest = Math.max(1, Math.min(bounds.maxItems * 4, Math.floor((window / 2 - 500) / LATER_TOKENS_PER_PAPER.assign)));
  const assignRequests = Math.ceil(n / assignPerRequest);
  add('assign', assignRequests * repeats, assignRequests * repeats * (500 + schemaTokens.assign) + n * repeats * LATER_TOKENS_PER_PAPER.assign, n * repeats * OUTPUT_PER_PAPER.assign);
  const categories = Math.min(CATEGORY_GUESS, Math.max(1, n));
  // Sections: each category's prompt (rendered for real, without papers) and every paper's block once, each
  // block the paper's title with an annotation of ANNOTATION_SHARE of its abstract; then the overview.
  const sectionFixed = estimateMessagesTokens(renderPrompt(prompts.synthesize, { topic: topic ?? 'the whole corpus', category: 'A category of about four words', definition: SAMPLE_DEFINITION, papers: '' }));
  const blocks = papers.reduce((sum, p) => sum + estimateTokens(paperBlock({ id: p.id, key: p.key, title: p.title, extra: { method: p.abstract.slice(0, Math.round(p.abstract.length * ANNOTATION_SHARE)) } })) + 2, 0);
  const overviewFixed = estimateMessagesTokens(renderPrompt(prompts.overview, { topic: topic ?? 'the whole corpus', sections: '' }));
  add('synthesize', categories, categories * (sectionFixed + schemaTokens.section) + blocks, categories * OUTPUT_PER_SECTION);
  add('synthesize', 1, overviewFixed + schemaTokens.overview + categories * (OVERVIEW_SECTION_SHARE + 10), 700);

  const totals = Object.values(byStage).reduce(
    (t, s) => ({ requests: t.requests + s.requests, promptTokens: t.promptTokens + s.promptTokens, completionTokens: t.completionTokens + s.completionTokens }),
    { requests: 0, promptTokens: 0, completionTokens: 0 },
  );
  const largest = Math.max(0, ...batches.map((b) => b.length));
  return {
    model,
    papers: n,
    ...totals,
    costUSD: estimateCostUSD(model, totals.promptTokens, totals.completionTokens, config.batch.api ? 'batch' : 'standard'),
    byStage,
    assumptions: [
      `classification batches rendered for real (${batches.length} of up to ${largest} papers${limits.contextWindow !== null ? `, packed into a context window of ${limits.contextWindow} tokens` : ''})`,
      `the model proposes ${CATEGORY_GUESS} categories (the taxonomy prompt asks for 5 to 12), one section each, no section written in parts or asked again`,
      `a paper's annotation in a section prompt is about ${Math.round(ANNOTATION_SHARE * 100)}% of its abstract; taxonomy and assignment estimated from the corpus size`,
      'every request counted as sent (cached answers cost nothing), no retry; the JSON schema of each request counted in its prompt, as endpoints do',
      'tokens estimated without a tokenizer (within 20% of o200k in the tests)',
      ...(config.batch.api ? ['--batch-api: priced at Batch API rates (half the list price)'] : []),
    ],
    overContext: configuredWindow === undefined ? [] : [...over].map(([stage, o]) => ({ stage, ...o, contextWindow: configuredWindow })),
  };
}

/** A sample category definition for the section prompt's fixed part. */
const SAMPLE_DEFINITION = 'Papers that share one research problem and the approaches taken to it, in about twenty words of definition.';

/** Tokens of each stage's JSON schema, which the endpoint counts in the prompt (response_format, tools, or the prompt text). */
function stageSchemaTokens() {
  const of = (schema: Parameters<typeof toStrictJsonSchema>[0]) => estimateTokens(JSON.stringify(toStrictJsonSchema(schema)));
  const ids = Array.from({ length: CATEGORY_GUESS }, (_, i) => `k${i + 1}`) as [string, ...string[]];
  return {
    classify: of(ClassifyBatchSchema),
    screen: of(ScreenBatchSchema),
    criteria: of(CriteriaBatchSchema),
    assign: of(assignBatchSchema(ids)),
    section: of(SectionSchema),
    overview: of(OverviewSchema),
  };
}

/** The limits the configuration states (LITREV_CONTEXT_WINDOW, LITREV_MAX_TOKENS). */
function configuredLimits(config: Config): EndpointLimits {
  const { contextWindow, maxTokens } = config.model;
  return {
    contextWindow: contextWindow ?? null,
    contextSource: contextWindow === undefined ? null : 'config',
    maxOutputTokens: maxTokens ?? null,
    outputSource: maxTokens === undefined ? null : 'config',
  };
}
