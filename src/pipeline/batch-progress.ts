import { formatClock } from '../format/time.js';
import type { BatchStatusEvent } from '../model/batch/batch-events.js';
import type { RunState } from './run-state.js';

const FINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);

/** One line about a provider batch: "batch ID (classify): in_progress, 120/411 answered, 2 failed, ETA 3:10". */
export function describeBatch(e: BatchStatusEvent): string {
  const eta = e.etaMs !== null && !FINAL.has(e.status) ? `, ETA ${formatClock(e.etaMs)}` : '';
  return (
    `batch ${e.batchId} (${e.stage})${e.resumed ? ' [re-attached]' : ''}: ${e.status}, ` +
    `${e.completed}/${e.total} answered${e.failed > 0 ? `, ${e.failed} failed` : ''}${eta}`
  );
}

/** The run's batches that are not finished yet, oldest first. */
export function activeBatches(state: RunState): BatchStatusEvent[] {
  return Object.values(state.batches).filter((b) => !FINAL.has(b.status));
}
