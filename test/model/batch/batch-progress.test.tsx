import { PassThrough } from 'node:stream';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { createPlainView } from '../../../src/cli/output/plain-view.js';
import type { BatchStatusEvent } from '../../../src/model/batch/batch-events.js';
import type { ReviewEvent } from '../../../src/pipeline/events.js';
import { activeBatches, describeBatch } from '../../../src/pipeline/batch-progress.js';
import { initialRunState, reduceRunState, type RunState } from '../../../src/pipeline/run-state.js';
import { Dashboard } from '../../../src/ui/dashboard/dashboard.js';
import { accounting } from '../../cli/output/fake-events.js';

const status = (over: Partial<BatchStatusEvent>): ReviewEvent => ({
  type: 'model',
  event: { type: 'batch-status', batchId: 'batch_1', stage: 'classify', status: 'in_progress', total: 40, completed: 10, failed: 2, resumed: false, etaMs: 125_000, ...over },
  accounting: accounting(),
});

function fold(events: ReviewEvent[]): RunState {
  const start: RunState = { ...initialRunState, runId: 'r1', startedAt: 0 };
  return events.reduce<RunState>((s, e) => reduceRunState(s, e, 0), start);
}

describe('batch progress', () => {
  it('one line per batch: status, answered and failed lines, ETA; re-attached batches say so', () => {
    const e = (status({}) as { event: BatchStatusEvent }).event;
    expect(describeBatch(e)).toBe('batch batch_1 (classify): in_progress, 10/40 answered, 2 failed, ETA 2:05');
    expect(describeBatch({ ...e, status: 'completed', completed: 38, etaMs: 0, resumed: true })).toBe('batch batch_1 (classify) [re-attached]: completed, 38/40 answered, 2 failed');
  });

  it('the state keeps the latest status of each batch; finished ones leave the live list', () => {
    const state = fold([status({}), status({ batchId: 'batch_2', stage: 'assign', completed: 0, failed: 0, etaMs: null }), status({ status: 'completed', completed: 38 })]);
    expect(Object.keys(state.batches)).toEqual(['batch_1', 'batch_2']);
    expect(activeBatches(state).map((b) => b.batchId)).toEqual(['batch_2']);
  });

  it('plain lines print every status change; the dashboard shows the running batches', () => {
    const err = new PassThrough();
    let text = '';
    err.on('data', (d) => (text += d));
    const view = createPlainView(err, () => 0);
    const events = [status({ status: 'validating', completed: 0, failed: 0, etaMs: null }), status({})];
    let state = fold([]);
    for (const e of events) view.onEvent(e, (state = reduceRunState(state, e, 0)));
    expect(text.trim().split('\n')).toEqual(['batch batch_1 (classify): validating, 0/40 answered', 'batch batch_1 (classify): in_progress, 10/40 answered, 2 failed, ETA 2:05']);
    const { lastFrame } = render(<Dashboard state={state} now={1000} />);
    expect(lastFrame()).toContain('batch batch_1 (classify): in_progress, 10/40 answered, 2 failed, ETA 2:05');
  });
});
