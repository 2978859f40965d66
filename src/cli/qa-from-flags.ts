import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { openQaSession, type QaSession } from '../qa/qa-session.js';
import { DEFAULT_TOP_K } from '../qa/types.js';
import type { CommandContext } from './command.js';
import { say } from './output/say.js';

/**
 * The configuration and the open question-answering session of `litrev ask` and `litrev chat`,
 * from their shared flags (--in, --top-k and the model options). Warnings go to stderr as
 * `litrev: ...` lines. The caller closes the session.
 */
export async function openQaFromFlags(ctx: CommandContext): Promise<{ config: Config; session: QaSession }> {
  const topK = parseTopK(ctx.flags['top-k']);
  const config = loadConfig({ flags: ctx.flags, cwd: ctx.cwd, isTTY: ctx.isTTY });
  if (config.endpointWarning) say(ctx.stderr, `litrev: warning: ${config.endpointWarning}\n`);
  const session = await openQaSession({
    config,
    paths: inPaths(ctx),
    topK,
    signal: ctx.signal,
    onWarning: (m) => say(ctx.stderr, `litrev: ${m}\n`),
  });
  return { config, session };
}

/** --top-k N: a whole number from 1 to 50 (default 8). */
function parseTopK(value: unknown): number {
  if (value === undefined) return DEFAULT_TOP_K;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 1 || n > 50) {
    throw new UsageError(`--top-k must be a whole number from 1 to 50, got "${String(value)}"`);
  }
  return n;
}

/** The --in paths (repeatable). */
function inPaths(ctx: CommandContext): string[] {
  const v = ctx.flags.in;
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** Said on stderr (or in the chat header) whenever the offline engine answers. */
export function offlineNotice(session: Pick<QaSession, 'engineReason'>): string {
  return `litrev: offline engine (${session.engineReason}): answers quote the best-matching sentences of the abstracts`;
}
