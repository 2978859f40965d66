import { loadConfig } from '../../config/load.js';
import { ExitCode, UsageError } from '../../errors.js';
import { formatTime } from '../../format/time.js';
import type { BatchListing } from '../../model/batch/batch-jobs.js';
import type { CommandAction } from '../command.js';

/**
 * `litrev batches [cancel ID] [--json]`: the Batch API jobs litrev started (`--batch-api`), from the
 * registry in the cache folder, with their status refreshed from the provider; `cancel ID` cancels one.
 */
export const batchesAction: CommandAction = async (ctx) => {
  const [action, id, ...extra] = ctx.args;
  const usage = 'usage: litrev batches [cancel ID] [--json]';
  if ((action !== undefined && action !== 'cancel') || extra.length > 0) throw new UsageError(`batches: unknown action "${ctx.args.join(' ')}"`, usage);
  if (action === 'cancel' && !id) throw new UsageError('batches cancel: which batch? give its id', usage);
  const config = loadConfig({ flags: ctx.flags, cwd: ctx.cwd, isTTY: ctx.isTTY });
  const { cancelBatch, listBatches } = await import('../../model/batch/batch-jobs.js');
  const json = ctx.flags.json === true;
  if (action === 'cancel') {
    const b = await cancelBatch(config, id!);
    ctx.stdout.write(json ? `${JSON.stringify({ batch: b })}\n` : `batch ${b.id} (${b.stage}): ${b.status}\n`);
    return ExitCode.ok;
  }
  const batches = await listBatches(config);
  if (json) ctx.stdout.write(`${JSON.stringify({ batches })}\n`);
  else ctx.stdout.write(formatBatches(batches, config.cacheDir));
  return ExitCode.ok;
};

function formatBatches(batches: BatchListing[], cacheDir: string): string {
  if (batches.length === 0) return `no batches recorded in ${cacheDir} (litrev review --batch-api starts them)\n`;
  const lines = batches.map(
    (b) =>
      `${b.id}  ${formatTime(b.createdAt)}  ${b.stage.padEnd(12)} ${b.status.padEnd(11)} ${b.completed}/${b.total} answered` +
      `${b.failed > 0 ? `, ${b.failed} failed` : ''}  ${b.model} @ ${b.endpoint}${b.stale ? `  (${b.stale})` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}
