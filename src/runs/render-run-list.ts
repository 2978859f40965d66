import { createHash } from 'node:crypto';
import path from 'node:path';
import { formatCost, formatCount } from '../format/numbers.js';
import { formatTime } from '../format/time.js';
import type { RunListEntry, SkippedRun } from './list-runs.js';
import { RUN_COUNT_COLUMNS, runCountCells } from './run-count-columns.js';
import { renderTable } from './text-table.js';

/**
 * One short fingerprint of a run's whole prompt set (name and hash of every prompt), so runs that
 * used the same prompts show the same value.
 */
export function promptSetFingerprint(prompts: Record<string, string>): string {
  const entries = Object.entries(prompts).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return '-';
  return createHash('sha256').update(entries.map(([n, h]) => `${n}:${h}`).join('\n')).digest('hex').slice(0, 8);
}

/** What a run screened for: its topic, its criteria file, or '-' (the whole corpus). */
export function screeningCell(r: Pick<RunListEntry, 'topic' | 'criteriaFile'>): string {
  const parts: string[] = [];
  if (r.topic !== null) parts.push(`topic "${r.topic.length > 24 ? `${r.topic.slice(0, 23)}…` : r.topic}"`);
  if (r.criteriaFile !== null) parts.push(`criteria ${path.basename(r.criteriaFile)}`);
  return parts.length > 0 ? parts.join(', ') : '-';
}

/** A folder as typed from `cwd` (relative when it lies under it). */
function shownFolder(dir: string, cwd: string): string {
  const rel = path.relative(cwd, dir);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? dir : rel;
}

/** The readable listing of `litrev runs`: one row per run, its output folder last (shown from `cwd`). */
export function renderRunList(runs: readonly RunListEntry[], runsDir: string, cwd = process.cwd()): string {
  if (runs.length === 0) return `no runs in ${runsDir}\n`;
  const table = renderTable(
    [
      { header: 'created (UTC)' },
      { header: 'run id' },
      { header: 'model' },
      { header: 'prompts' },
      { header: 'screening' },
      ...RUN_COUNT_COLUMNS,
      { header: 'tokens', align: 'right' },
      { header: 'cost', align: 'right' },
      { header: 'status' },
      { header: 'output' },
    ],
    runs.map((r) => [
      formatTime(r.createdAt),
      r.runId,
      r.engine === 'offline' ? 'offline' : (r.model ?? '?'),
      promptSetFingerprint(r.prompts),
      screeningCell(r),
      ...runCountCells(r),
      formatCount(r.tokens.prompt + r.tokens.completion),
      formatCost(r.costUSD),
      r.status,
      shownFolder(r.outDir, cwd),
    ]),
  );
  const elsewhere = runs.filter((r) => path.dirname(path.resolve(r.outDir)) !== path.resolve(runsDir)).length;
  const inRunsDir = runs.length - elsewhere;
  const count = `${runs.length} run${runs.length === 1 ? '' : 's'}`;
  const where = elsewhere > 0 ? `${count}: ${inRunsDir} in ${shownFolder(runsDir, cwd)}, ${elsewhere} written with --out` : `${count} in ${shownFolder(runsDir, cwd)}`;
  return `${table}${where}; 'prompts' is a fingerprint of the prompt set (--json lists each prompt's hash)\n`;
}

/** One line per folder that was not a readable run. */
export function renderSkipped(skipped: readonly SkippedRun[]): string {
  return skipped.map((s) => `litrev: skipped ${s.path}: ${s.reason}\n`).join('');
}
