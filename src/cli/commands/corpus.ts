import path from 'node:path';
import { loadConfig } from '../../config/load.js';
import { removeSource, type CorpusState } from '../../corpus/corpus-sources.js';
import { corpusPath, loadCorpusState, saveCorpusState } from '../../corpus/store.js';
import { ExitCode, NoInputError, UsageError } from '../../errors.js';
import { closestName } from '../did-you-mean.js';
import type { CommandAction, CommandContext } from '../command.js';
import { buildQuestionStore } from '../question-store-step.js';

/**
 * `litrev corpus [list|remove SOURCE]`: the stored corpus's sources (the files and folders ingested) with their
 * record and paper counts; `remove` drops one source, and the papers no other source holds.
 * `--json`: `{ papers, sources: [{ path, records, papers }] }` (after the removal, with `removed`).
 */
export const corpusAction: CommandAction = async (ctx) => {
  const config = loadConfig({ flags: ctx.flags, cwd: ctx.cwd, isTTY: ctx.isTTY });
  const [action = 'list', source, ...rest] = ctx.args;
  const state = await loadCorpusState(config.workspaceDir);
  if (!state) throw new NoInputError(`no corpus in the workspace (${corpusPath(config.workspaceDir)})`, 'run `litrev ingest PATH` first');
  if (action === 'list') {
    if (source !== undefined) throw new UsageError(`corpus list: unexpected argument "${source}"`, 'usage: litrev corpus [list|remove SOURCE]');
    write(ctx, config.output === 'json', state, config.cwd);
    return ExitCode.ok;
  }
  if (action !== 'remove') {
    const meant = closestName(action, ['list', 'remove']);
    throw new UsageError(`corpus: unknown action "${action}" (list or remove)${meant ? `; did you mean "${meant}"?` : ''}`, 'usage: litrev corpus [list|remove SOURCE]');
  }
  if (source === undefined || rest.length > 0) throw new UsageError('corpus remove: name one SOURCE, as `litrev corpus` lists it', 'usage: litrev corpus remove SOURCE');
  const result = removeSource(state, path.resolve(config.cwd, source));
  if (!result) {
    const known = state.sources.map((s) => shown(s.path, config.cwd)).join(', ');
    throw new UsageError(`corpus remove: "${source}" is not a source of the stored corpus (sources: ${known})`);
  }
  const saved = await saveCorpusState(config.workspaceDir, result.state);
  // The question store of the corpus left, as ingest builds it: the next `ask` finds it.
  await buildQuestionStore(config.workspaceDir, saved, { signal: ctx.signal, warn: (message) => ctx.stderr.write(`litrev: warning: ${message}\n`) });
  const what = `Removed ${shown(result.source.path, config.cwd)}: ${state.papers.length} -> ${result.state.papers.length} papers (${result.removed} removed, ${result.source.ids.length - result.removed} still held by another source)`;
  if (config.output !== 'json') ctx.stdout.write(`${what}\n`);
  write(ctx, config.output === 'json', result.state, config.cwd, result.removed);
  return ExitCode.ok;
};

function write(ctx: CommandContext, json: boolean, state: CorpusState, cwd: string, removed?: number): void {
  const sources = state.sources.map((s) => ({ path: shown(s.path, cwd), records: s.records, papers: s.ids.length }));
  if (json) {
    ctx.stdout.write(`${JSON.stringify({ papers: state.papers.length, sources, ...(removed !== undefined ? { removed } : {}) })}\n`);
    return;
  }
  const width = Math.min(60, sources.reduce((m, s) => Math.max(m, s.path.length), 6));
  const lines = [`Stored corpus: ${state.papers.length} paper${state.papers.length === 1 ? '' : 's'} from ${sources.length} source${sources.length === 1 ? '' : 's'}`];
  for (const s of sources) lines.push(`  ${s.path.padEnd(width)}  ${String(s.records).padStart(6)} records  ${String(s.papers).padStart(6)} papers`);
  ctx.stdout.write(`${lines.join('\n')}\n`);
}

/** A source path relative to the working folder when it lies under it. */
function shown(abs: string, cwd: string): string {
  if (!path.isAbsolute(abs)) return abs;
  const rel = path.relative(cwd, abs);
  return rel === '' ? '.' : rel.startsWith('..') ? abs : rel;
}
