import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { openQaSession, type QaSession, type QaSessionOptions } from '../qa/qa-session.js';
import { DEFAULT_TOP_K } from '../qa/types.js';
import type { CommandContext } from './command.js';
import { say } from './output/say.js';

/**
 * The configuration and the open question-answering session of `litrev ask` and `litrev chat`,
 * from their shared flags (--in, --top-k and the model options). Warnings go to stderr as
 * `litrev: ...` lines. The caller closes the session.
 */
export async function openQaFromFlags(ctx: CommandContext, resume?: (config: Config) => Promise<QaSessionOptions['resume']>): Promise<{ config: Config; session: QaSession }> {
  const topK = parseTopK(ctx.flags['top-k']);
  const shown = parseShown(ctx.flags.show);
  const config = loadConfig({ flags: ctx.flags, cwd: ctx.cwd, isTTY: ctx.isTTY });
  const session = await openQaSession({
    config,
    paths: inPaths(ctx),
    topK,
    shown,
    resume: resume ? await resume(config) : undefined,
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

/** --show N: papers a list answer shows in the terminal, a whole number from 1 (default 10). */
function parseShown(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 1) throw new UsageError(`--show must be a whole number from 1, got "${String(value)}"`);
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
