import type { Paper } from '../corpus/paper.js';
import { ConfigError } from '../errors.js';
import type { CorpusTable } from '../query/corpus-table.js';
import { planQuestion, readsLikeAggregate } from '../query/plan-question.js';
import type { QueryPlan } from '../query/query-plan.js';
import { createRetriever } from '../retrieval/create-retriever.js';
import type { Hit } from '../retrieval/types.js';
import { stripPromptMarkup } from '../review/prompt-markup.js';
import { citedKeys } from '../verify/citation-keys.js';
import { verifyAnswer } from '../verify/verify-review.js';
import { citedPapers } from './cited-papers.js';
import { retrievalContext } from './conversation.js';
import { extractiveAnswer } from './extractive-answer.js';
import { referredPapers } from './follow-up-set.js';
import { markUnsupportedNumbers } from './mark-unsupported.js';
import { createMarkupFilter } from './markup-filter.js';
import { modelAnswer } from './model-answer.js';
import { modelPlan } from './model-plan.js';
import { modelRowsAnswer } from './model-rows-answer.js';
import { offlineRowsAnswer, runPlanned } from './planned-answer.js';
import { withTitledPapers } from './titled-papers.js';
import { DEFAULT_TOP_K, NOT_SUPPORTED, type AnswerRequest, type AnswerResult } from './types.js';

/**
 * Answer one question about the corpus. A list, count, compare, extremes or distribution question is
 * planned (by the offline planner, or by the model through a validated plan) into a query over the corpus
 * table and answered from all its rows; any other question, or one that cannot be planned, is answered from
 * the top-k retrieved papers (the previous answer's papers first when the question refers back to them).
 * Citations are checked against the papers answered from, numbers against the cited abstracts (an
 * unsupported one is marked where it stands), and no prompt markup is left in the answer.
 */
export async function answerQuestion(request: AnswerRequest): Promise<AnswerResult> {
  const { question, gateway, table } = request;
  const previousKeys = request.previousKeys ?? [];
  if (table) {
    const previous = indicesOf(table, previousKeys);
    const offline = planQuestion(question, { categoryNames: table.categoryNames, hasPrevious: previous.length > 0 });
    // The model plans a question that reads like one about many papers; a lookup costs no plan request.
    const plan =
      gateway && (offline !== null || readsLikeAggregate(question))
        ? await modelPlan({ question, table, gateway, prompt: request.planPrompt, history: request.history, hasPrevious: previous.length > 0, signal: request.signal, onWarning: request.onWarning })
        : gateway
          ? null
          : offline;
    if (plan && plan.kind !== 'lookup') return answerPlanned(request, table, plan, previous);
  }
  const result = await answerByRetrieval(request, previousKeys);
  if (table && readsLikeAggregate(question)) {
    result.note = `answered from the ${result.sources.length} best-matching papers: the question could not be read as a query over the whole corpus`;
  }
  return result;
}

async function answerPlanned(request: AnswerRequest, table: CorpusTable, plan: QueryPlan, previous: number[]): Promise<AnswerResult> {
  const planned = runPlanned(table, plan, previous);
  let text: string;
  let removedKeys: string[] = [];
  if (request.gateway) {
    const answer = await modelRowsAnswer({ question: request.question, planned, gateway: request.gateway, prompt: request.rowsPrompt, shown: request.shown, onToken: request.onToken, signal: request.signal });
    text = answer.text;
    removedKeys = answer.removed;
  } else {
    text = offlineRowsAnswer(planned, request.shown);
    request.onToken?.(text);
  }
  // The result's own counts are exact figures of the corpus, not claims of a paper.
  const r = planned.result;
  const allowed = new Set([r.count, r.rows.length, r.withoutFigure, ...r.groups.map((g) => g.count)].map(String));
  // Only the papers the answer cites are read: the check and the citations need no others.
  const cited = planned.papersOf(new Set(citedKeys(stripPromptMarkup(text))));
  const result = finish(text, cited, planned.sources, request, removedKeys, allowed);
  return {
    ...result,
    kind: plan.kind,
    plan,
    count: planned.result.count,
    rows: planned.result.rows,
    papers: planned.keys,
  };
}

async function answerByRetrieval(request: AnswerRequest, previousKeys: readonly string[]): Promise<AnswerResult> {
  const { question, history, retriever, gateway, signal } = request;
  const k = request.topK ?? DEFAULT_TOP_K;
  const context = retrievalContext(history);
  // A follow-up about "it" or "these" is read against the previous answer's papers first.
  const referred = request.table ? referredPapers(question, previousKeys) : [];
  let sources: Hit[] = [];
  let searcher = retriever;
  if (referred.length > 0 && request.table) {
    const table = request.table;
    const papers = referred.map((key) => table.indexOfKey(key)).filter((i): i is number => i !== undefined).map((i) => table.paper(i));
    const local = createRetriever(papers);
    sources = await local.search(question, k, { signal });
    if (sources.length === 0) sources = papers.slice(0, k).map((paper) => ({ paper, score: 0, bm25Rank: null, bm25Score: null, matchedTerms: [] }));
    searcher = local;
  } else {
    sources = await retriever.search(question, k, { context, signal });
    if (request.table) sources = withTitledPapers(request.table, question, sources, k);
  }
  const papers: Paper[] = sources.map((h) => h.paper);

  let text: string;
  let removedKeys: string[] = [];
  if (gateway) {
    if (!request.prompt) throw new ConfigError('the answer prompt is missing');
    if (sources.length === 0) {
      text = NOT_SUPPORTED;
      request.onToken?.(text);
    } else {
      const markup = createMarkupFilter();
      const onToken = request.onToken && ((t: string) => request.onToken!(markup.push(t)));
      const answer = await modelAnswer({ question, history, sources, gateway, prompt: request.prompt, onToken, onWarning: request.onWarning, signal });
      request.onToken?.(markup.end());
      text = answer.text;
      removedKeys = answer.removed;
    }
  } else {
    text = extractiveAnswer(question, sources, searcher, referred.length > 0 ? undefined : context).text;
    // Say which papers the follow-up was read against, so "the corpus does not say" is not about the whole corpus.
    if (referred.length > 0 && text.startsWith(NOT_SUPPORTED)) text = `${NOT_SUPPORTED}\nRead as a question about ${papers.slice(0, 3).map((p) => `${p.title} [@${p.key}]`).join('; ')}.`;
    request.onToken?.(text);
  }
  const result = finish(text, papers, sources, request, removedKeys);
  return { ...result, kind: 'lookup', plan: null, count: null, rows: null, papers: result.citations.map((c) => c.key) };
}

function finish(text: string, papers: Paper[], sources: Hit[], request: AnswerRequest, removedKeys: string[], allowed = new Set<string>()): AnswerResult {
  // Numbers are checked against the abstracts the answer cites, so only those papers are needed (a list may hold thousands).
  const cleaned = stripPromptMarkup(text);
  const cited = new Set(citedKeys(cleaned));
  const verified = verifyAnswer(cleaned, papers.filter((p) => cited.has(p.key)));
  const numbers = verified.report.numbers.map((n) => (n.found || !allowed.has(n.number.replace(/,/g, '')) ? n : { ...n, found: true }));
  const answer = markUnsupportedNumbers(verified.text, numbers).trim();
  return {
    answer,
    citations: citedPapers(answer, papers),
    engine: request.gateway ? 'model' : 'offline',
    sources,
    supported: !answer.startsWith(NOT_SUPPORTED.slice(0, -1)),
    verification: { ...verified.report.summary, numbersUnsupported: numbers.filter((n) => !n.found).length, danglingRemoved: verified.report.summary.danglingRemoved + removedKeys.length },
    removedKeys,
  };
}

/** The table indices of these keys, in the keys' order (a key twice, once). */
function indicesOf(table: CorpusTable, keys: readonly string[]): number[] {
  return [...new Set(keys.map((k) => table.indexOfKey(k)).filter((i): i is number => i !== undefined))];
}
