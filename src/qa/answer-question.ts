import type { Paper } from '../corpus/paper.js';
import { ConfigError } from '../errors.js';
import { verifyAnswer } from '../verify/verify-review.js';
import { citedPapers } from './cited-papers.js';
import { retrievalContext } from './conversation.js';
import { extractiveAnswer } from './extractive-answer.js';
import { modelAnswer } from './model-answer.js';
import { DEFAULT_TOP_K, NOT_SUPPORTED, type AnswerRequest, type AnswerResult } from './types.js';

/**
 * Answer one question about the corpus: retrieve the top-k papers (the previous question counts as
 * context for follow-ups), then let the model write a cited answer from them, or, with no model,
 * quote the best-matching sentences. Citations are checked against the sources (unknown keys
 * removed) and numbers against the cited abstracts.
 */
export async function answerQuestion(request: AnswerRequest): Promise<AnswerResult> {
  const { question, history, retriever, gateway, signal } = request;
  const context = retrievalContext(history);
  const sources = await retriever.search(question, request.topK ?? DEFAULT_TOP_K, { context, signal });
  const papers: Paper[] = sources.map((h) => h.paper);

  let text: string;
  let removedKeys: string[] = [];
  if (gateway) {
    if (!request.prompt) throw new ConfigError('the answer prompt is missing');
    if (sources.length === 0) {
      text = NOT_SUPPORTED;
      request.onToken?.(text);
    } else {
      const answer = await modelAnswer({ question, history, sources, gateway, prompt: request.prompt, onToken: request.onToken, onWarning: request.onWarning, signal });
      text = answer.text;
      removedKeys = answer.removed;
    }
  } else {
    text = extractiveAnswer(question, sources, retriever, context).text;
    request.onToken?.(text);
  }

  const verified = verifyAnswer(text, papers);
  const answer = verified.text.trim();
  return {
    answer,
    citations: citedPapers(answer, papers),
    engine: gateway ? 'model' : 'offline',
    sources,
    supported: !answer.startsWith(NOT_SUPPORTED.slice(0, -1)),
    verification: { ...verified.report.summary, danglingRemoved: verified.report.summary.danglingRemoved + removedKeys.length },
    removedKeys,
  };
}
