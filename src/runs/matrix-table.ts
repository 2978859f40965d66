import { formatCost, formatCount, formatKappa } from '../format/numbers.js';
import { RUN_COUNT_COLUMNS, runCountCells } from './run-count-columns.js';
import { renderTable } from './text-table.js';

/** One run of a matrix (prompt set x model) as the review command reports it. */
export interface MatrixRow {
  /** What distinguishes the run, e.g. `prompts=variant-a model=gpt-4o-mini`. */
  label: string;
  runId: string;
  outDir: string;
  papers: number;
  annotated: number;
  failed: number;
  calls: number;
  cacheHits: number;
  costUSD: number | null;
  categories: number;
  /** Cohen's kappa of this run's categories against the first run's (null for the first run or no shared papers). */
  kappaVsFirst: number | null;
}

/** The aligned outcome table of a matrix run, one line per combination, in the order given. */
export function renderMatrixTable(rows: readonly MatrixRow[]): string {
  return renderTable(
    [
      { header: 'run' },
      { header: 'id' },
      ...RUN_COUNT_COLUMNS,
      { header: 'cost', align: 'right' },
      { header: 'categories', align: 'right' },
      { header: 'kappa vs 1st', align: 'right' },
      { header: 'folder' },
    ],
    rows.map((r, i) => [
      r.label,
      r.runId,
      ...runCountCells(r),
      formatCost(r.costUSD),
      formatCount(r.categories),
      i === 0 ? '(baseline)' : formatKappa(r.kappaVsFirst),
      r.outDir,
    ]),
  );
}
