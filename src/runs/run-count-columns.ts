import { formatCount } from '../format/numbers.js';
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
  return [formatCount(r.papers), formatCount(r.annotated), formatCount(r.failed), formatCount(r.calls), formatCount(r.cacheHits)];
}
