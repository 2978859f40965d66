import { loadConfig } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { resolveCorpus } from '../../corpus/resolve-corpus.js';
import type { Corpus } from '../../corpus/paper.js';
import { BudgetError, ExitCode } from '../../errors.js';
import type { CategorySpec } from '../../review/engine.js';
import type { RunEstimate } from '../../pipeline/estimate-run.js';
import { loadPrompts } from '../../prompts/load-prompts.js';
import type { CommandAction, CommandContext } from '../command.js';
import { consumeReviewEvents, preloadDashboard } from '../output/consume-review-events.js';
import { startReviewRun, type ReviewCombo } from '../start-review-run.js';
import { ingestProgressLines } from '../output/ingest-progress-lines.js';
import { say } from '../output/say.js';
import { reviewPreflight } from './review-preflight.js';
import { recordRunFolder } from '../../runs/run-registry.js';
import { storedCorpusNotice } from './stored-corpus-notice.js';
import { wrapHanging } from '../../format/wrap-text.js';

/** `litrev review`: the whole pipeline, one run or a matrix of prompt folders x models. */
export const reviewAction: CommandAction = async (ctx) => {
  const config = loadConfig({ flags: ctx.flags, cwd: ctx.cwd, isTTY: ctx.isTTY });
  await reviewPreflight(config, ctx.args, matrixCombos(config).length);
  // Shown by the run's own views (plain lines, dashboard: a warning); with --json on stderr as well as in the JSON.
  if (config.endpointWarning && config.output === 'json') say(ctx.stderr, `litrev: warning: ${config.endpointWarning}\n`);
  // An offline run holds the thread from its start: the dashboard loads while the corpus is read, and the run waits for it.
  // A model run loads it while its first requests are out (see deferred-view.ts).
  const dashboard = config.output === 'ink' && config.engine === 'offline' ? preloadDashboard() : null;
  dashboard?.catch(() => undefined);
  const { corpus, stored } = await resolveCorpus(config, ctx.args, { signal: ctx.signal, ...(config.output === 'json' ? {} : { progress: ingestProgressLines(ctx.stderr) }) });
  if (stored && config.output !== 'json') {
    const notice = storedCorpusNotice(stored, ctx.args);
    // Wrapped at spaces to the terminal's width, so no word is broken across lines.
    const columns = (ctx.stderr as NodeJS.WriteStream).columns;
    if (notice) say(ctx.stderr, `${columns ? wrapHanging('litrev: ', notice, columns).join('\n') : `litrev: ${notice}`}\n`);
  }
  const taxonomyCategories = config.taxonomyFile ? await readTaxonomy(config.taxonomyFile) : undefined;
  // Read here too so a bad criteria file stops the command before any run starts (and the estimate counts its stage).
  const criteria = config.criteriaFile ? await (await import('../../review/parse-criteria-file.js')).parseCriteriaFile(config.criteriaFile) : null;
  const combos = matrixCombos(config);

  if (config.engine === 'model' && (config.dryRun || config.maxCost !== undefined)) {
    const { estimateRun } = await import('../../pipeline/estimate-run.js');
    const estimates = await Promise.all(
      combos.map(async (c) => estimateRun(config, corpus.papers, await loadPrompts(c.promptDir ?? undefined), c.model, { criteria })),
    );
    if (config.dryRun) return printEstimates(ctx, config, estimates);
    const unpriced = estimates.filter((e) => e.costUSD === null).map((e) => e.model);
    if (unpriced.length > 0) {
      say(ctx.stderr, `litrev: warning: no price known for ${[...new Set(unpriced)].join(', ')}: --max-cost cannot limit ${unpriced.length > 1 ? 'them' : 'it'} (tokens are still counted)\n`);
    }
    const total = estimates.reduce((sum, e) => sum + (e.costUSD ?? 0), 0);
    if (config.maxCost !== undefined && total > config.maxCost) {
      throw new BudgetError(
        `estimated cost $${total.toFixed(4)} is above --max-cost $${config.maxCost}`,
        'raise --max-cost, use a cheaper --model, or run --dry-run to see the estimate per stage',
      );
    }
  } else if (config.dryRun) {
    say(ctx.stderr, 'litrev: offline engine: no model requests, nothing to estimate (cost $0)\n');
    if (config.output === 'json') say(ctx.stdout, `${JSON.stringify({ engine: 'offline', requests: 0, costUSD: 0 })}\n`);
    return ExitCode.ok;
  }

  // What a single run does not need is loaded only when asked for: its first requests go out sooner.
  await dashboard;
  if (combos.length > 1) return (await import('./review-matrix.js')).runMatrix(ctx, config, corpus, combos, taxonomyCategories);
  return runSingle(ctx, config, corpus, combos[0]!, taxonomyCategories);
};

async function runSingle(
  ctx: CommandContext,
  config: Config,
  corpus: Corpus,
  combo: ReviewCombo,
  taxonomyCategories: CategorySpec[] | undefined,
): Promise<number> {
  const { events } = await startReviewRun(ctx, config, corpus, combo, { outDir: config.outDir, taxonomyCategories });
  const summary = await consumeReviewEvents(events, { mode: config.output, stdout: ctx.stdout, stderr: ctx.stderr, signal: ctx.signal });
  await recordRunFolder(config.workspaceDir, config.runsDir, summary.outDir).catch((err: Error) => {
    ctx.stderr.write(`litrev: warning: the run in ${summary.outDir} is not recorded for \`litrev runs\` (${err.message.split('\n')[0]})\n`);
  });
  return summary.failed > 0 || (summary.failedSections?.length ?? 0) > 0 ? ExitCode.failedItems : ExitCode.ok;
}

/** Every --prompts folder x every --model (one combination when neither is repeated). */
export function matrixCombos(config: Config): ReviewCombo[] {
  const dirs: (string | null)[] = config.promptDirs.length > 0 ? config.promptDirs : [null];
  const models = config.engine === 'offline' ? [config.models[0]!] : config.models;
  return dirs.flatMap((promptDir) => models.map((model) => ({ promptDir, model })));
}

async function readTaxonomy(file: string): Promise<CategorySpec[]> {
  const { parseTaxonomyFile } = await import('../../review/parse-taxonomy-file.js');
  return parseTaxonomyFile(file);
}

function printEstimates(ctx: CommandContext, config: Config, estimates: RunEstimate[]): number {
  for (const e of estimates) {
    for (const o of e.overContext) {
      say(
        ctx.stderr,
        `litrev: warning: ${e.model}: ${o.stage}: ${o.requests} ${o.requests === 1 ? 'request is' : 'requests are'} estimated beyond the ` +
          `${o.contextWindow.toLocaleString('en-US')}-token context window (largest about ${o.largestTokens.toLocaleString('en-US')} tokens)\n`,
      );
    }
  }
  if (config.output === 'json') {
    say(ctx.stdout, `${JSON.stringify({ dryRun: true, estimates })}\n`);
    return ExitCode.ok;
  }
  for (const e of estimates) {
    const cost = e.costUSD === null ? 'unknown price (tokens only)' : `$${e.costUSD.toFixed(4)}`;
    say(ctx.stdout, `Estimate for ${e.model} on ${e.papers} papers: ${e.requests} requests, ${e.promptTokens} prompt + ${e.completionTokens} completion tokens, ${cost}\n`);
    for (const [stage, s] of Object.entries(e.byStage)) {
      say(ctx.stdout, `  ${stage.padEnd(11)} ${String(s.requests).padStart(5)} requests  ${String(s.promptTokens).padStart(9)} in  ${String(s.completionTokens).padStart(8)} out\n`);
    }
    for (const a of e.assumptions) say(ctx.stdout, `  - ${a}\n`);
  }
  return ExitCode.ok;
}
