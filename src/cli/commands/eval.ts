import { say } from '../output/say.js';
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { RUN_MANIFEST } from '../../corpus/walk-exclusions.js';
import { loadConfig } from '../../config/load.js';
import { ExitCode, UsageError } from '../../errors.js';
import { BOOTSTRAP_RESAMPLES } from '../../eval/bootstrap.js';
import { defaultRankMetric, evaluateRun, RANK_METRICS, rankRuns, type RankMetric } from '../../eval/evaluate-run.js';
import { readGoldFile } from '../../eval/read-gold-file.js';
import { evalJson, renderEvalReport, type GoldSummary } from '../../eval/render-eval.js';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { readRun } from '../../runs/read-run.js';
import type { CommandAction } from '../command.js';

const DEFAULT_SEED = 1;

/**
 * `litrev eval RUN... --gold FILE`: agreement of each run with hand labels, one table ranked by
 * `--by`. Markdown on stdout (or one JSON object with --json); `--out FILE` also writes the Markdown
 * report. Unmatched and unusable gold rows are listed, never dropped silently.
 */
export const evalAction: CommandAction = async (ctx) => {
  if (ctx.args.length === 0) throw new UsageError('eval needs at least one run', 'usage: litrev eval RUN... --gold FILE');
  const goldFlag = typeof ctx.flags.gold === 'string' ? ctx.flags.gold : undefined;
  if (!goldFlag) throw new UsageError('eval needs --gold FILE (hand labels: CSV, TSV or JSONL)', "build one with 'litrev label'");
  const config = loadConfig({ flags: { ...ctx.flags, out: undefined }, cwd: ctx.cwd, isTTY: ctx.isTTY });
  const seed = parseSeed(ctx.flags.seed);
  const goldPath = path.resolve(ctx.cwd, goldFlag);
  const out = typeof ctx.flags.out === 'string' ? path.resolve(ctx.cwd, ctx.flags.out) : undefined;
  // The report never replaces the gold file or a run's own files.
  if (out && ((await samePath(out, goldPath)) || existsSync(path.join(path.dirname(out), RUN_MANIFEST)))) {
    throw new UsageError(`--out ${ctx.flags.out as string} is ${(await samePath(out, goldPath)) ? 'the gold file' : "in a litrev run's folder"}: litrev never writes over a file it reads`, 'choose another --out FILE');
  }
  const gold = await readGoldFile(goldPath);
  const metric = parseMetric(ctx.flags.by) ?? defaultRankMetric(gold.rows);
  const evals = [];
  for (const arg of ctx.args) {
    const run = await readRun(arg, config.runsDir, { cwd: ctx.cwd });
    evals.push(evaluateRun(run, gold.rows, { seed }));
  }
  const ranked = rankRuns(evals, metric);
  const summary: GoldSummary = { path: gold.path, rows: gold.rows.length, skipped: gold.skipped, seed, resamples: BOOTSTRAP_RESAMPLES };
  for (const s of gold.skipped) say(ctx.stderr, `litrev: warning: ${s}\n`);
  const markdown = renderEvalReport(ranked, metric, summary);
  if (out) await writeFileAtomic(out, markdown);
  say(ctx.stdout, config.output === 'json' ? `${JSON.stringify(evalJson(ranked, metric, summary))}\n` : markdown);
  return ExitCode.ok;
};

function parseMetric(value: unknown): RankMetric | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value in RANK_METRICS) return value as RankMetric;
  throw new UsageError(`--by ${String(value)}: not a metric`, `one of ${Object.keys(RANK_METRICS).join(', ')}`);
}

function parseSeed(value: unknown): number {
  if (value === undefined) return DEFAULT_SEED;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 0) throw new UsageError(`--seed ${String(value)}: not a whole number >= 0`);
  return n;
}

/** Do two paths name the same file (links seen through)? */
async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => realpath(p).catch(() => path.resolve(p));
  return (await real(a)) === (await real(b));
}
