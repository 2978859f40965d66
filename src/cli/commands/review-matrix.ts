import path from 'node:path';
import type { Config } from '../../config/schema.js';
import type { Corpus } from '../../corpus/paper.js';
import { ExitCode } from '../../errors.js';
import type { CategorySpec } from '../../review/engine.js';
import type { RunSummary } from '../../pipeline/events.js';
import { compareRuns } from '../../runs/compare-runs.js';
import { renderMatrixTable } from '../../runs/matrix-table.js';
import { readRun } from '../../runs/read-run.js';
import type { CommandContext } from '../command.js';
import { startReviewRun, type ReviewCombo } from '../start-review-run.js';
import { say } from '../output/say.js';

/**
 * Matrix runs: every prompt folder x model concurrently, sharing the cache (identical requests are
 * answered once), then one table of outcomes with each run's category agreement with the first.
 */
export async function runMatrix(
  ctx: CommandContext,
  config: Config,
  corpus: Corpus,
  combos: ReviewCombo[],
  taxonomyCategories: CategorySpec[] | undefined,
): Promise<number> {
  const label = (c: ReviewCombo) => `${c.promptDir ? path.relative(config.cwd, c.promptDir) || '.' : 'built-in'} x ${c.model}`;
  const summaries = await Promise.all(
    combos.map(async (combo) => {
      const outDir = config.outDir ? path.join(config.outDir, `${combos.indexOf(combo) + 1}`) : undefined;
      const { runId, events } = await startReviewRun(ctx, config, corpus, combo, { outDir, taxonomyCategories });
      let summary: RunSummary | undefined;
      for await (const event of events) {
        if (event.type === 'warning' && config.output !== 'json') say(ctx.stderr, `[${label(combo)}] warning: ${event.message}\n`);
        if (event.type === 'run-finished') summary = event.summary;
      }
      if (!summary) throw new Error(`run ${runId} ended without a summary`);
      if (config.output !== 'json') say(ctx.stderr, `[${label(combo)}] finished: ${summary.outDir}\n`);
      return { combo, summary };
    }),
  );

  const first = await readRun(summaries[0]!.summary.outDir, config.runsDir);
  const rows = await Promise.all(
    summaries.map(async ({ combo, summary }, i) => {
      const run = i === 0 ? first : await readRun(summary.outDir, config.runsDir);
      return {
        label: label(combo),
        runId: summary.runId,
        outDir: summary.outDir,
        papers: summary.papers,
        annotated: summary.annotated,
        failed: summary.failed,
        calls: summary.calls,
        cacheHits: summary.cacheHits,
        costUSD: summary.costUSD,
        categories: run.taxonomy?.categories.length ?? 0,
        kappaVsFirst: i === 0 ? 1 : compareRuns(first, run).kappa,
      };
    }),
  );
  if (config.output === 'json') say(ctx.stdout, `${JSON.stringify({ runs: rows })}\n`);
  else say(ctx.stdout, `${renderMatrixTable(rows)}\n`);
  return summaries.some((s) => s.summary.failed > 0 || (s.summary.failedSections?.length ?? 0) > 0) ? ExitCode.failedItems : ExitCode.ok;
}
