import { say } from '../output/say.js';
import path from 'node:path';
import { loadConfig } from '../../config/load.js';
import { resolveCorpus } from '../../corpus/resolve-corpus.js';
import { ExitCode, UsageError } from '../../errors.js';
import { isLabelled } from '../../eval/label-item.js';
import { labelItems } from '../../eval/label-items.js';
import { labelOrder } from '../../eval/label-order.js';
import { startSession } from '../../eval/label-session.js';
import { readLabels, writeLabels } from '../../eval/labels-file.js';
import { readRun } from '../../runs/read-run.js';
import type { CommandAction, CommandContext } from '../command.js';

const DEFAULT_FILE = 'labels.jsonl';

/**
 * `litrev label`: hand-label the stored corpus's papers one at a time in an Ink screen, saving every
 * decision at once to a JSONL file that `litrev eval --gold` reads; a later start resumes it.
 */
export const labelAction: CommandAction = async (ctx) => {
  if (!interactive(ctx)) {
    throw new UsageError('label needs a terminal: it reads single keys from stdin and draws on stdout',
      'run it in a terminal; to score labels you already have, use litrev eval --gold FILE');
  }
  const config = loadConfig({ flags: { ...ctx.flags, out: undefined }, cwd: ctx.cwd, isTTY: ctx.isTTY });
  const sample = wholeNumber(ctx.flags.sample, '--sample', 1);
  const seed = wholeNumber(ctx.flags.seed, '--seed', 0) ?? 1;
  const file = path.resolve(ctx.cwd, typeof ctx.flags.out === 'string' ? ctx.flags.out : DEFAULT_FILE);
  const { corpus } = await resolveCorpus(config, []);
  const run = typeof ctx.flags.run === 'string' ? await readRun(ctx.flags.run, config.runsDir, { cwd: ctx.cwd }) : null;
  const existing = await readLabels(file);
  const items = labelOrder(labelItems(corpus.papers, run?.papers ?? null), { seed, ...(sample !== undefined ? { sample } : {}) });
  const initial = startSession(items, existing);
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
  const labels = await readLabels(file);
  const done = items.filter((i) => isLabelled(labels.find((l) => l.id === i.id))).length;
  say(ctx.stdout, `${done} of ${items.length} papers labelled in ${file}\n`);
  return ExitCode.ok;
};

function interactive(ctx: CommandContext): boolean {
  return (ctx.stdin as { isTTY?: boolean }).isTTY === true && ctx.isTTY && ctx.flags.json !== true;
}

function wholeNumber(value: unknown, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} ${String(value)}: not a whole number >= ${min}`);
  return n;
}
