import { loadConfig } from '../../config/load.js';
import { ExitCode, UsageError } from '../../errors.js';
import { compareRuns, renderComparison } from '../../runs/compare-runs.js';
import { readRun } from '../../runs/read-run.js';
import type { CommandAction } from '../command.js';
import { say } from '../output/say.js';

/**
 * `litrev compare RUN_A RUN_B`: agreement and differences between two runs (ids under the runs
 * folder, run folders, or run.json paths). Readable Markdown by default, one JSON object with `--json`.
 * What could not be read in either folder is reported on stderr, one line each.
 */
export const compareAction: CommandAction = async (ctx) => {
  const [first, second] = ctx.args;
  if (first === undefined || second === undefined) throw new UsageError('compare needs two runs', 'usage: litrev compare RUN_A RUN_B');
  const config = loadConfig({ flags: ctx.flags, cwd: ctx.cwd, isTTY: ctx.isTTY });
  const a = await readRun(first, config.runsDir, { cwd: ctx.cwd });
  const b = await readRun(second, config.runsDir, { cwd: ctx.cwd });
  const comparison = compareRuns(a, b);
  for (const w of comparison.warnings) say(ctx.stderr, `litrev: warning: ${w}\n`);
  say(ctx.stdout, config.output === 'json' ? `${JSON.stringify(comparison)}\n` : renderComparison(comparison));
  return ExitCode.ok;
};
