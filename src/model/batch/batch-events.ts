/** Progress of one provider batch, emitted on every poll that saw a change (a ModelEvent). */
export interface BatchStatusEvent {
  type: 'batch-status';
  batchId: string;
  /** The pipeline stage(s) whose requests the batch holds. */
  stage: string;
  status: string;
  total: number;
  completed: number;
  failed: number;
  /** True when this run re-attached to a batch an earlier run started. */
  resumed: boolean;
  /** Estimated milliseconds until every line is answered, from the pace so far; null before the first answer. */
  etaMs: number | null;
}
