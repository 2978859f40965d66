import { loadConfig } from '../../config/load.js';
import { ExitCode } from '../../errors.js';
import { listRuns } from '../../runs/list-runs.js';
import { renderRunList, renderSkipped } from '../../runs/render-run-list.js';
import { recordedRunFolders } from '../../runs/run-registry.js';
import type { CommandAction } from '../command.js';
import { say } from '../output/say.js';

/**
 * `litrev runs`: every run under the runs folder, newest first. `--json` prints
 * `{ runs, skipped }`; folders that are not readable runs are named on stderr with the reason.
 */
export const runsAction: CommandAction = async (ctx) => {
  const config = loadConfig({ flags: ctx.flags, cwd: ctx.cwd, isTTY: ctx.isTTY });
  const { runs, skipped } = await listRuns(config.runsDir, await recordedRunFolders(config.workspaceDir));
  say(ctx.stderr, renderSkipped(skipped));
  if (config.output === 'json') {
    say(ctx.stdout, `${JSON.stringify({ runsDir: config.runsDir, runs, skipped })}\n`);
  } else {
    say(ctx.stdout, renderRunList(runs, config.runsDir, config.cwd));
  }
  return ExitCode.ok;
};
