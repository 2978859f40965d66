import path from 'node:path';
import type { Config } from '../../config/schema.js';
import { resolveCorpus } from '../../corpus/resolve-corpus.js';
import { ExitCode, NoInputError } from '../../errors.js';
import { readGoldFile } from '../../eval/read-gold-file.js';
import { simulateLabels } from '../../eval/simulate-labels.js';
import type { ScreeningOrder } from '../../screening/simulate.js';
import type { CommandContext } from '../command.js';
import { say } from '../output/say.js';

/**
 * `litrev label --simulate GOLD`: replay the gold file's relevant labels in the order litrev would show
 * the stored corpus and print how soon the relevant papers were found (`asreview simulate`'s measures).
 */
export async function simulateAction(ctx: CommandContext, config: Config, goldFile: string, seed: number, order: ScreeningOrder): Promise<number> {
  const gold = await readGoldFile(path.resolve(ctx.cwd, goldFile));
  for (const s of gold.skipped) say(ctx.stderr, `litrev: warning: ${s}\n`);
  const { corpus } = await resolveCorpus(config, []);
  const withLabel = gold.rows.filter((r) => r.relevant !== undefined);
  if (!withLabel.some((r) => r.relevant) || !withLabel.some((r) => r.relevant === false)) {
    throw new NoInputError(`gold file ${goldFile} needs at least one relevant and one irrelevant paper in its "relevant" column`);
  }
  let sim;
  try {
    sim = simulateLabels(corpus.papers, gold.rows, { seed, order });
  } catch (err) {
    throw new NoInputError(`gold file ${goldFile}: ${(err as Error).message} among the stored corpus's papers`, 'ingest the corpus the gold file labels first (litrev ingest PATH)');
  }
  if (sim.unmatched > 0) say(ctx.stderr, `litrev: warning: ${sim.unmatched} gold row(s) name no paper of the stored corpus\n`);
  if (sim.unlabelled > 0) say(ctx.stderr, `litrev: ${sim.unlabelled} paper(s) of the stored corpus have no relevant label in ${goldFile}: left out\n`);
  const r = sim.result;
  if (config.output === 'json') {
    say(ctx.stdout, `${JSON.stringify(r)}\n`);
    return ExitCode.ok;
  }
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  say(
    ctx.stdout,
    [
      `Simulated screening of ${r.papers} papers (${r.relevant} relevant), ${order} order, seed ${seed}:`,
      `  95% of the relevant papers found after reading ${r.screenedFor95} (${pct(r.screenedFor95 / r.papers)}); WSS@95 ${r.wss95.toFixed(3)}`,
      `  recall after reading 10%: ${pct(r.recallAt['10'])} · 20%: ${pct(r.recallAt['20'])} · 30%: ${pct(r.recallAt['30'])}`,
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
}
