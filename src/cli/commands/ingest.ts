import path from 'node:path';
import { loadConfig } from '../../config/load.js';
import { ingestPaths, type IngestReport } from '../../corpus/ingest.js';
import { noUsablePapers } from '../../corpus/resolve-corpus.js';
import { corpusPath, loadPreviousKeys, saveCorpus } from '../../corpus/store.js';
import { ExitCode } from '../../errors.js';
import type { CommandAction } from '../command.js';
import { say } from '../output/say.js';

const MAX_LISTED = 20;

/**
 * `litrev ingest PATH... [--json]`: read, normalise and deduplicate the inputs, store the corpus in the
 * workspace, and report per file. Exit 0 when any paper was found (problems are reported, not fatal), 3 when
 * nothing usable was.
 */
export const ingestAction: CommandAction = async (ctx) => {
  const config = loadConfig({ flags: ctx.flags, cwd: ctx.cwd, isTTY: ctx.isTTY });
  const previousKeys = await loadPreviousKeys(config.workspaceDir);
  const report = await ingestPaths(ctx.args, { signal: ctx.signal, previousKeys, cwd: config.cwd });
  const stored = report.papers.length > 0 ? await saveCorpus(config.workspaceDir, report) : null;
  const file = path.relative(config.cwd, corpusPath(config.workspaceDir)) || corpusPath(config.workspaceDir);
  if (config.output === 'json') {
    say(ctx.stdout, `${JSON.stringify(jsonSummary(report, stored ? { file, hash: stored.hash, workspace: config.workspaceDir } : null))}\n`);
  } else {
    say(ctx.stdout, textSummary(report, stored ? { file, hash: stored.hash } : null));
  }
  if (!stored) throw noUsablePapers(ctx.args, report);
  return ExitCode.ok;
};

function jsonSummary(report: IngestReport, stored: { file: string; hash: string; workspace: string } | null) {
  return {
    records: report.records,
    papers: report.papers.length,
    duplicates: report.duplicates,
    untitled: report.papers.filter((p) => p.titleDerived).length,
    skipped: report.skipped,
    warnings: report.warnings,
    files: report.files.map((f) => ({
      path: f.path,
      format: f.format,
      ...(f.encoding ? { encoding: f.encoding } : {}),
      records: f.records,
      duplicates: f.duplicates,
      skipped: f.issues.filter((i) => i.level !== 'warning').length,
      warnings: f.issues.filter((i) => i.level === 'warning').length,
    })),
    workspace: stored?.workspace ?? null,
    corpusFile: stored?.file ?? null,
    corpusHash: stored?.hash ?? null,
  };
}

function textSummary(report: IngestReport, stored: { file: string; hash: string } | null): string {
  const lines: string[] = [];
  const read = report.files.filter((f) => f.format !== null);
  const width = Math.min(60, Math.max(10, ...read.map((f) => f.path.length)));
  lines.push(`Read ${plural(read.length, 'file')}:`);
  for (const f of read) {
    const dup = f.duplicates > 0 ? `, ${plural(f.duplicates, 'duplicate')}` : '';
    const bad = f.issues.filter((i) => i.level !== 'warning').length;
    const skipped = bad > 0 ? `, ${bad} skipped` : '';
    const enc = f.encoding && f.encoding !== 'utf-8' ? ` (${f.encoding})` : '';
    lines.push(`  ${f.path.padEnd(width)}  ${(f.format ?? '').padEnd(8)} ${plural(f.records, 'record')}${dup}${skipped}${enc}`);
  }
  listed(lines, 'Skipped', report.skipped.map((s) => s.reason));
  listed(lines, 'Warnings', report.warnings);
  const untitled = report.papers.filter((p) => p.titleDerived).length;
  const untitledNote = untitled > 0 ? `; ${untitled} untitled, titles derived from abstracts` : '';
  lines.push(
    `${plural(report.records, 'record')} -> ${plural(report.papers.length, 'paper')} (${plural(report.duplicates, 'duplicate')} merged${untitledNote})`,
  );
  if (stored) lines.push(`Corpus stored in ${stored.file} (hash ${stored.hash.slice(0, 12)})`);
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
