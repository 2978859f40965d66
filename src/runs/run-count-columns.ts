import { formatInt } from './format.js';
import type { TableColumn } from './text-table.js';

/** The outcome counts every run table shows, whatever else its rows hold. */
export interface RunCounts {
  papers: number;
  annotated: number;
  failed: number;
  calls: number;
  cacheHits: number;
}

/** Right-aligned columns for {@link runCountCells}: papers, annotated, failed, calls, cache hits. */
export const RUN_COUNT_COLUMNS: readonly TableColumn[] = [
  { header: 'papers', align: 'right' },
  { header: 'annotated', align: 'right' },
  { header: 'failed', align: 'right' },
  { header: 'calls', align: 'right' },
  { header: 'cache hits', align: 'right' },
];

/** A run's counts as table cells, in the order of {@link RUN_COUNT_COLUMNS}. */
export function runCountCells(r: RunCounts): string[] {
  return [formatInt(r.papers), formatInt(r.annotated), formatInt(r.failed), formatInt(r.calls), formatInt(r.cacheHits)];
}
