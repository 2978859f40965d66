import path from 'node:path';
import { loadConfig } from '../../config/load.js';
import type { CorpusChange } from '../../corpus/corpus-sources.js';
import type { IngestReport } from '../../corpus/ingest.js';
import { ingestIntoWorkspace } from '../../corpus/ingest-into-workspace.js';
import { noUsablePapers } from '../../corpus/resolve-corpus.js';
import { corpusPath } from '../../corpus/store.js';
import { ExitCode } from '../../errors.js';
import type { CommandAction } from '../command.js';
import { ingestProgressLines } from '../output/ingest-progress-lines.js';
import { say } from '../output/say.js';
import { buildQuestionStore } from '../question-store-step.js';

const MAX_LISTED = 20;

/**
 * `litrev ingest PATH... [--json]`: read, normalise and deduplicate the inputs, store the corpus in the
 * workspace with its question store (what `ask` and `chat` answer from), and report per file. Exit 0 when any
 * paper was found (problems are reported, not fatal), 3 when nothing usable was.
 */
export const ingestAction: CommandAction = async (ctx) => {
  const config = loadConfig({ flags: ctx.flags, cwd: ctx.cwd, isTTY: ctx.isTTY });
  const replace = ctx.flags.replace === true;
  const progress = config.output === 'json' ? {} : { progress: ingestProgressLines(ctx.stderr) };
  const { report, change, stored: saved } = await ingestIntoWorkspace(config, ctx.args, { signal: ctx.signal, replace, ...progress });
  // The question store of the stored corpus, fed from the papers just stored: the first `ask` finds it.
  const storeWarnings: string[] = [];
  if (saved) {
    await buildQuestionStore(config.workspaceDir, saved, {
      signal: ctx.signal,
      onProgress: (done, total) => progress.progress?.({ phase: 'indexing', done, total }),
      warn: (message) => {
        storeWarnings.push(message);
        say(ctx.stderr, `litrev: warning: ${message}\n`);
      },
    });
  }
  const file = path.relative(config.cwd, corpusPath(config.workspaceDir)) || corpusPath(config.workspaceDir);
  const stored = saved ? { file, hash: saved.hash, workspace: config.workspaceDir, change, replace, storeWarnings } : null;
  if (config.output === 'json') {
    say(ctx.stdout, `${JSON.stringify(jsonSummary(report, stored))}\n`);
  } else {
    say(ctx.stdout, textSummary(report, stored));
  }
  if (!stored) throw noUsablePapers(ctx.args, report);
  return ExitCode.ok;
};

interface Stored {
  file: string;
  hash: string;
  workspace: string;
  change: CorpusChange;
  replace: boolean;
  /** Why the question store was not written (printed on stderr as it happened). */
  storeWarnings: string[];
}

function jsonSummary(report: IngestReport, stored: Stored | null) {
  return {
    records: report.records,
    papers: report.papers.length,
    duplicates: report.duplicates,
    untitled: report.papers.filter((p) => p.titleDerived).length,
    skipped: report.skipped,
    warnings: [...report.warnings, ...(stored?.change.warnings ?? []), ...(stored?.storeWarnings ?? [])],
    files: report.files.map((f) => ({
      path: f.path,
      format: f.format,
      ...(f.encoding ? { encoding: f.encoding } : {}),
      records: f.records,
      duplicates: f.duplicates,
      skipped: f.issues.filter((i) => i.level !== 'warning').length,
      warnings: f.issues.filter((i) => i.level === 'warning').length,
    })),
    notRead: report.notRead,
    withoutAbstract: report.papers.filter((p) => p.abstract === '').length,
    workspace: stored?.workspace ?? null,
    corpusFile: stored?.file ?? null,
    corpusHash: stored?.hash ?? null,
    corpus: stored ? changeJson(stored) : null,
  };
}

function changeJson({ change, replace }: Stored) {
  return { replaced: replace, before: change.before, after: change.after, added: change.added, alreadyPresent: change.present, removed: change.removed };
}

/** "411 -> 415 papers: 4 new, 2 already present" (and what --replace or a re-read source changed). */
export function changeLine({ change, replace }: Pick<Stored, 'change' | 'replace'>): string {
  const parts = [`${change.added} new`, `${change.present} already present`];
  if (change.removed > 0) parts.push(`${change.removed} removed (no longer in a re-read source)`);
  const head = replace ? `Stored corpus replaced (--replace): ${change.before} -> ${plural(change.after, 'paper')}` : `${change.before} -> ${plural(change.after, 'paper')}`;
  return `${head}: ${parts.join(', ')}`;
}

function textSummary(report: IngestReport, stored: Stored | null): string {
  const lines: string[] = [];
  const read = report.files.filter((f) => f.format !== null);
  const width = Math.min(60, read.reduce((m, f) => Math.max(m, f.path.length), 10));
  lines.push(`Read ${plural(read.length, 'file')}:`);
  for (const f of read) {
    const dup = f.duplicates > 0 ? `, ${plural(f.duplicates, 'duplicate')}` : '';
    const bad = f.issues.filter((i) => i.level !== 'warning').length;
    const skipped = bad > 0 ? `, ${bad} skipped` : '';
    const enc = f.encoding && f.encoding !== 'utf-8' ? ` (${f.encoding})` : '';
    lines.push(`  ${f.path.padEnd(width)}  ${(f.format ?? '').padEnd(8)} ${plural(f.records, 'record')}${dup}${skipped}${enc}`);
  }
  listed(lines, 'Skipped', report.skipped.map((s) => s.reason));
  listed(lines, 'Warnings', [...report.warnings, ...(stored?.change.warnings ?? [])]);
  if (report.notRead > 0) lines.push(`Not read: ${plural(report.notRead, 'file')} in litrev's own, hidden, VCS or dependency folders`);
  const untitled = report.papers.filter((p) => p.titleDerived).length;
  const untitledNote = untitled > 0 ? `; ${untitled} untitled, titles derived from abstracts` : '';
  lines.push(
    `${plural(report.records, 'record')} -> ${plural(report.papers.length, 'paper')} (${plural(report.duplicates, 'duplicate')} merged${untitledNote})`,
  );
  if (stored) {
    lines.push(changeLine(stored));
    lines.push(`Corpus stored in ${stored.file} (hash ${stored.hash.slice(0, 12)})`);
  }
  return `${lines.join('\n')}\n`;
}

function listed(lines: string[], heading: string, items: readonly string[]): void {
  if (items.length === 0) return;
  lines.push(`${heading} (${items.length}):`);
  for (const item of items.slice(0, MAX_LISTED)) lines.push(`  ${item}`);
  if (items.length > MAX_LISTED) lines.push(`  ... ${items.length - MAX_LISTED} more (--json lists them all)`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
