import { loadConfig } from '../../config/load.js';
import { UsageError } from '../../errors.js';
import { answerNotes } from '../../qa/answer-notes.js';
import { openQaSession, type QaSession } from '../../qa/qa-session.js';
import { DEFAULT_TOP_K, type AnswerResult } from '../../qa/types.js';
import type { CommandAction, CommandContext } from '../command.js';

/**
 * `litrev ask QUESTION [--in PATH...] [--top-k N] [--json]`: one answer, streamed to stdout as it is
 * written, then its sources. With --json: exactly one JSON object on stdout.
 */
export const askAction: CommandAction = async (ctx) => {
  const question = ctx.args.join(' ').trim();
  if (question === '') throw new UsageError('ask: the question is empty', 'usage: litrev ask "QUESTION" [--in PATH...]');
  const topK = parseTopK(ctx.flags['top-k']);
  const config = loadConfig({ flags: ctx.flags, cwd: ctx.cwd, isTTY: ctx.isTTY });
  const json = config.output === 'json';
  const session = await openQaSession({
    config,
    paths: inPaths(ctx),
    topK,
    signal: ctx.signal,
    onWarning: (m) => ctx.stderr.write(`litrev: ${m}\n`),
  });
  try {
    if (!json && session.engine === 'offline') ctx.stderr.write(`${offlineNotice(session)}\n`);
    const result = await session.ask(question, { onToken: json ? undefined : (t) => ctx.stdout.write(t), signal: ctx.signal });
    if (json) ctx.stdout.write(`${JSON.stringify(answerJson(result, session))}\n`);
    else writePlainEnd(ctx, result);
    return 0;
  } finally {
    await session.close();
  }
};

/** --top-k N: a whole number from 1 to 50 (default 8). */
export function parseTopK(value: unknown): number {
  if (value === undefined) return DEFAULT_TOP_K;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 1 || n > 50) {
    throw new UsageError(`--top-k must be a whole number from 1 to 50, got "${String(value)}"`);
  }
  return n;
}

/** The --in paths (repeatable). */
export function inPaths(ctx: CommandContext): string[] {
  const v = ctx.flags.in;
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** Said on stderr (or in the chat header) whenever the offline engine answers. */
export function offlineNotice(session: Pick<QaSession, 'engineReason'>): string {
  return `litrev: offline engine (${session.engineReason}): answers quote the best-matching sentences of the abstracts`;
}

function writePlainEnd(ctx: CommandContext, result: AnswerResult): void {
  const lines = ['', '', 'Sources:'];
  if (result.citations.length === 0) lines.push('  (none cited)');
  for (const c of result.citations) lines.push(`  [@${c.key}] ${c.title}`);
  ctx.stdout.write(`${lines.join('\n')}\n`);
  for (const note of answerNotes(result)) ctx.stderr.write(`litrev: ${note}\n`);
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
  };
}
