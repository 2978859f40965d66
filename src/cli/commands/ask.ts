import { UsageError } from '../../errors.js';
import { answerNotes } from '../../qa/answer-notes.js';
import { readLastAnswer, writeLastAnswer } from '../../qa/last-answer.js';
import { plannedJson } from '../../qa/planned-json.js';
import type { QaSession } from '../../qa/qa-session.js';
import type { AnswerResult } from '../../qa/types.js';
import type { CommandAction, CommandContext } from '../command.js';
import { offlineNotice, openQaFromFlags } from '../qa-from-flags.js';
import { say } from '../output/say.js';

/**
 * `litrev ask QUESTION [--in PATH...] [--top-k N] [--show N] [--follow-up] [--json]`: one answer, streamed to stdout as it is
 * written, then its sources. With --json: exactly one JSON object on stdout.
 */
export const askAction: CommandAction = async (ctx) => {
  const question = ctx.args.join(' ').trim();
  if (question === '') throw new UsageError('ask: the question is empty', 'usage: litrev ask "QUESTION" [--in PATH...]');
  const followUp = ctx.flags['follow-up'] === true;
  const { config, session } = await openQaFromFlags(ctx, followUp ? (c) => readLastAnswer(c.workspaceDir) : undefined);
  const json = config.output === 'json';
  try {
    if (!json && session.engine === 'offline') say(ctx.stderr, `${offlineNotice(session)}\n`);
    const result = await session.ask(question, { onToken: json ? undefined : (t) => say(ctx.stdout, t), signal: ctx.signal });
    await writeLastAnswer(config.workspaceDir, session.history, session.lastPapers);
    if (json) say(ctx.stdout, `${JSON.stringify(answerJson(result, session))}\n`);
    else writePlainEnd(ctx, result);
    return 0;
  } finally {
    await session.close();
  }
};

function writePlainEnd(ctx: CommandContext, result: AnswerResult): void {
  const lines = ['', '', 'Sources:'];
  if (result.citations.length === 0) lines.push('  (none cited)');
  for (const c of result.citations) lines.push(`  [@${c.key}] ${c.title}`);
  say(ctx.stdout, `${lines.join('\n')}\n`);
  for (const note of answerNotes(result)) say(ctx.stderr, `litrev: ${note}\n`);
  if (result.note) say(ctx.stderr, `litrev: ${result.note}\n`);
}

function answerJson(result: AnswerResult, session: QaSession): Record<string, unknown> {
  return {
    answer: result.answer,
    citations: result.citations,
    engine: result.engine,
    supported: result.supported,
    model: session.model,
    sources: result.sources.map((h) => ({
      key: h.paper.key,
      title: h.paper.title,
      score: h.score,
      bm25Rank: h.bm25Rank,
      ...(h.embeddingRank !== undefined ? { embeddingRank: h.embeddingRank } : {}),
    })),
    verification: result.verification,
    removedKeys: result.removedKeys,
    annotationsFrom: session.annotationsFrom,
    ...plannedJson(result),
  };
}
