import { loadConfig } from '../../config/load.js';
import { ExitCode, UsageError } from '../../errors.js';
import type { CacheStats, PruneResult } from '../../cache/cache-maintenance.js';
import { closestName } from '../did-you-mean.js';
import type { CommandAction } from '../command.js';
import { say } from '../output/say.js';

/**
 * `litrev cache stats|verify|prune [--older-than DAYS] [--corrupt] [--json]`.
 * stats: count entries; verify: the same checks as every read (each key recomputed from its stored
 * request, each reply against its digest), with every problem listed (exit 1 when something is corrupt); prune: remove entries unused for DAYS days and/or corrupt ones, plus
 * temporary files left by interrupted writes.
 */
export const cacheAction: CommandAction = async (ctx) => {
  const action = ctx.args[0];
  if (action !== 'stats' && action !== 'verify' && action !== 'prune') {
    const meant = action ? closestName(action, ['stats', 'verify', 'prune']) : undefined;
    throw new UsageError(`cache: unknown action "${action ?? ''}"${meant ? `; did you mean "${meant}"?` : ''}`, 'usage: litrev cache stats|verify|prune [--older-than DAYS] [--corrupt]');
  }
  const config = loadConfig({ flags: ctx.flags, cwd: ctx.cwd, isTTY: ctx.isTTY });
  const { cacheStats, pruneCache } = await import('../../cache/cache-maintenance.js');
  const json = ctx.flags.json === true;
  if (action === 'prune') {
    const olderThanDays = parseDays(ctx.flags['older-than']);
    const corrupt = ctx.flags.corrupt === true;
    if (olderThanDays === undefined && !corrupt) {
      throw new UsageError('cache prune: say what to remove: --older-than DAYS and/or --corrupt');
    }
    const pruned = await pruneCache(config.cacheDir, { olderThanDays, corrupt });
    const after = await cacheStats(config.cacheDir);
    if (json) say(ctx.stdout, `${JSON.stringify({ ...withoutProblems(after), ...pruned })}\n`);
    else say(ctx.stdout, `${formatPrune(pruned)}\n${formatStats(after, false)}`);
    return ExitCode.ok;
  }
  const stats = await cacheStats(config.cacheDir, { verify: action === 'verify' });
  if (json) say(ctx.stdout, `${JSON.stringify(action === 'verify' ? stats : withoutProblems(stats))}\n`);
  else say(ctx.stdout, formatStats(stats, action === 'verify'));
  return action === 'verify' && stats.corrupt > 0 ? ExitCode.failedItems : ExitCode.ok;
};

function parseDays(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`cache prune: --older-than must be a number of days, got "${String(v)}"`);
  }
  return n;
}

function withoutProblems(s: CacheStats): Omit<CacheStats, 'problems'> & { problems?: CacheStats['problems'] } {
  const { problems, ...rest } = s;
  return problems.length > 0 ? { ...rest, problems } : rest;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function formatCounts(m: Record<string, number>): string {
  return Object.entries(m)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** Plain-text stats (and, for verify, each problem). */
export function formatStats(s: CacheStats, verify: boolean): string {
  const lines = [`cache ${s.dir}: ${s.entries} entries, ${formatBytes(s.bytes)}, ${s.corrupt} corrupt${s.tempFiles ? `, ${s.tempFiles} temporary files` : ''}`];
  if (s.entries > 0) {
    lines.push(`  models: ${formatCounts(s.byModel)}`);
    lines.push(`  stages: ${formatCounts(s.byStage)}`);
    lines.push(`  tokens when fetched: ${s.promptTokens} prompt, ${s.completionTokens} completion`);
    lines.push(`  entries from ${s.oldest} to ${s.newest}`);
  }
  if (s.unsealed > 0) lines.push(`  ${s.unsealed} entries from an older litrev have no reply digest: their request is checked, and each is sealed on its next use`);
  for (const p of s.problems) lines.push(`  corrupt: ${p.file}: ${p.reason}`);
  if (verify) lines.push(s.corrupt === 0 ? '  every entry verified' : `  ${s.corrupt} corrupt entries: they are fetched again when needed; 'litrev cache prune --corrupt' removes them`);
  return `${lines.join('\n')}\n`;
}

function formatPrune(p: PruneResult): string {
  return `removed ${p.removed} entries (${p.removedCorrupt} corrupt) and ${p.removedTemp} temporary files, ${formatBytes(p.freedBytes)} freed`;
}
