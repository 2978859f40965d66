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

/** The readable listing of `litrev runs`. */
export function renderRunList(runs: readonly RunListEntry[], runsDir: string): string {
  if (runs.length === 0) return `no runs in ${runsDir}\n`;
  const table = renderTable(
    [
      { header: 'created (UTC)' },
      { header: 'run id' },
      { header: 'model' },
      { header: 'prompts' },
      { header: 'topic' },
      ...RUN_COUNT_COLUMNS,
      { header: 'tokens', align: 'right' },
      { header: 'cost', align: 'right' },
      { header: 'status' },
    ],
    runs.map((r) => [
      formatTime(r.createdAt),
      r.runId,
      r.engine === 'offline' ? 'offline' : (r.model ?? '?'),
      promptSetFingerprint(r.prompts),
      r.topic === null ? '-' : r.topic.length > 28 ? `${r.topic.slice(0, 27)}…` : r.topic,
      ...runCountCells(r),
      formatCount(r.tokens.prompt + r.tokens.completion),
      formatCost(r.costUSD),
      r.status,
    ]),
  );
  const elsewhere = runs.filter((r) => path.dirname(path.resolve(r.outDir)) !== path.resolve(runsDir)).length;
  const where = elsewhere > 0 ? `${runsDir} and ${elsewhere} folder(s) written with --out` : runsDir;
  return `${table}${runs.length} run(s) in ${where}; 'prompts' is a fingerprint of the prompt set (--json lists each prompt's hash)\n`;
}

/** One line per folder that was not a readable run. */
export function renderSkipped(skipped: readonly SkippedRun[]): string {
  return skipped.map((s) => `litrev: skipped ${s.path}: ${s.reason}\n`).join('');
}
