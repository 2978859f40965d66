import { say } from '../output/say.js';
import path from 'node:path';
import { loadConfig } from '../../config/load.js';
import { resolveCorpus } from '../../corpus/resolve-corpus.js';
import { ExitCode, UsageError } from '../../errors.js';
import { isLabelled } from '../../eval/label-item.js';
import { labelItems } from '../../eval/label-items.js';
import { labelOrder } from '../../eval/label-order.js';
import { labelReranker } from '../../eval/label-prioritiser.js';
import { startSession } from '../../eval/label-session.js';
import { readLabels, writeLabels } from '../../eval/labels-file.js';
import { readRun } from '../../runs/read-run.js';
import type { ScreeningOrder } from '../../screening/simulate.js';
import type { CommandAction, CommandContext } from '../command.js';

const DEFAULT_FILE = 'labels.jsonl';

/**
 * `litrev label`: hand-label the stored corpus's papers one at a time in an Ink screen, saving every
 * decision at once to a JSONL file that `litrev eval --gold` reads; a later start resumes it. In
 * ranked order (the default, except for a --sample) the next paper is the one a relevance model
 * trained on the labels so far ranks highest. `--simulate GOLD` replays a gold file instead.
 */
export const labelAction: CommandAction = async (ctx) => {
  const seed = wholeNumber(ctx.flags.seed, '--seed', 0) ?? 1;
  const sample = wholeNumber(ctx.flags.sample, '--sample', 1);
  const order = parseOrder(ctx.flags.order) ?? (sample !== undefined ? 'random' : 'ranked');
  if (typeof ctx.flags.simulate === 'string') {
    const config = loadConfig({ flags: { ...ctx.flags, out: undefined }, cwd: ctx.cwd, isTTY: ctx.isTTY });
    const { simulateAction } = await import('./label-simulate.js');
    return simulateAction(ctx, config, ctx.flags.simulate, seed, order);
  }
  if (!interactive(ctx)) {
    throw new UsageError('label needs a terminal: it reads single keys from stdin and draws on stdout',
      'run it in a terminal; to score labels you already have, use litrev eval --gold FILE');
  }
  const config = loadConfig({ flags: { ...ctx.flags, out: undefined }, cwd: ctx.cwd, isTTY: ctx.isTTY });
  const file = path.resolve(ctx.cwd, typeof ctx.flags.out === 'string' ? ctx.flags.out : DEFAULT_FILE);
  const { corpus } = await resolveCorpus(config, []);
  const run = typeof ctx.flags.run === 'string' ? await readRun(ctx.flags.run, config.runsDir, { cwd: ctx.cwd }) : null;
  const existing = await readLabels(file);
  const items = labelOrder(labelItems(corpus.papers, run?.papers ?? null), { seed, ...(sample !== undefined ? { sample } : {}) });
  const initial = startSession(items, existing, order === 'ranked' ? labelReranker(items, seed) : null);
  const { runLabelApp } = await import('../../ui/label/run-label-app.js');
  await runLabelApp({
    initial,
    file: path.relative(ctx.cwd, file) || file,
    save: (labels) => writeLabels(file, labels),
    stdin: ctx.stdin,
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    signal: ctx.signal,
  });
  const labels = new Map((await readLabels(file)).map((l) => [l.id, l]));
  const done = items.filter((i) => isLabelled(labels.get(i.id))).length;
  // On a line of its own: the screen's last frame may leave the cursor after its text.
  say(ctx.stdout, `\n${done} of ${items.length} papers labelled in ${path.relative(ctx.cwd, file) || file}\n`);
  return ExitCode.ok;
};

function interactive(ctx: CommandContext): boolean {
  return (ctx.stdin as { isTTY?: boolean }).isTTY === true && ctx.isTTY && ctx.flags.json !== true;
}

function parseOrder(value: unknown): ScreeningOrder | undefined {
  if (value === undefined) return undefined;
  if (value === 'ranked' || value === 'random') return value;
  throw new UsageError(`--order ${String(value)}: not an order`, 'use --order ranked or --order random');
}

function wholeNumber(value: unknown, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} ${String(value)}: not a whole number >= ${min}`);
  return n;
}
