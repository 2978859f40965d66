import { describe, expect, it } from 'vitest';
import type { ReviewEvent } from '../../src/pipeline/events.js';
import { initialRunState, reduceRunState, stageEta, stageFraction, stageRequests, type RunState } from '../../src/pipeline/run-state.js';
import { SUMMARY, accounting, fakeReviewEvents } from '../cli/output/fake-events.js';

function fold(events: ReviewEvent[], start = 1000, step = 100): RunState {
  return events.reduce((s, e, i) => reduceRunState(s, e, start + i * step), initialRunState);
}

describe('reduceRunState', () => {
  it('records the run and its stages', () => {
    const state = fold(fakeReviewEvents().slice(0, 2));
    expect(state.runId).toBe(SUMMARY.runId);
    expect(state.engine).toBe('model');
    expect(state.plannedStages).toEqual(['classify', 'synthesize']);
    expect(state.stages).toMatchObject([{ name: 'classify', status: 'running', total: 4, done: 0, unit: 'papers', startedAt: 1100 }]);
  });

  it('counts requests in flight, cache hits, sent requests, retries, tokens and cost per stage', () => {
    const events = fakeReviewEvents();
    const midway = fold(events.slice(0, 4));
    expect(midway.stages[0]).toMatchObject({ inFlight: 2, cacheHits: 0, requestsSent: 0 });

    const classify = fold(events.slice(0, 10)).stages[0]!;
    expect(classify).toMatchObject({
      inFlight: 0,
      cacheHits: 1,
      requestsSent: 2,
      retries: 1,
      done: 3,
      failed: 1,
      promptTokens: 1000,
      completionTokens: 200,
      lastError: 'p4: schema: claims[0].quote missing',
    });
    expect(classify.costUSD).toBeCloseTo(0.01);
  });

  it('does not mutate the previous state', () => {
    const before = fold(fakeReviewEvents().slice(0, 3));
    const snapshot = JSON.stringify(before);
    reduceRunState(before, fakeReviewEvents()[3]!, 5000);
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('finishes stages, keeps warnings, failures and the final summary', () => {
    const state = fold(fakeReviewEvents());
    expect(state.stages.map((s) => [s.name, s.status])).toEqual([
      ['classify', 'finished'],
      ['synthesize', 'finished'],
    ]);
    expect(state.stages[0]!.finishedAt).toBe(state.stages[0]!.startedAt + 2000);
    expect(state.warnings).toEqual(['taxonomy has a category with one paper']);
    expect(state.failures).toEqual([{ stage: 'classify', paperId: 'p4', reason: 'schema: claims[0].quote missing' }]);
    expect(state.summary).toEqual(SUMMARY);
    expect(state.verification).toEqual(SUMMARY.verification);
    expect(state.accounting?.calls).toBe(4);
  });

  it('takes a request that failed for good out of flight (the accounting tells)', () => {
    const events: ReviewEvent[] = [
      fakeReviewEvents()[1]!,
      { type: 'model', event: { type: 'request-started', stage: 'classify', cacheKey: 'k' }, accounting: accounting() },
      { type: 'model', event: { type: 'output-invalid', stage: 'classify', kind: 'invalid-json', error: 'Unexpected token' }, accounting: accounting({ failures: 1 }) },
    ];
    const stage = fold(events).stages[0]!;
    expect(stage).toMatchObject({ inFlight: 0, requestFailures: 1, lastError: 'invalid-json: Unexpected token' });
  });

  it('warns when concurrency drops, not when it grows back', () => {
    const c = (n: number): ReviewEvent => ({ type: 'model', event: { type: 'concurrency-changed', concurrency: n, reason: 'HTTP 429' }, accounting: accounting() });
    const state = fold([c(8), c(4), c(5)]);
    expect(state.concurrency).toBe(5);
    expect(state.warnings).toEqual(['concurrency lowered to 4: HTTP 429']);
  });
});

describe('stage progress helpers', () => {
  it('estimates the time left from the pace so far', () => {
    const state = fold(fakeReviewEvents().slice(0, 6), 0, 0);
    const stage = state.stages[0]!; // 2 of 4 done, started at 0
    expect(stageFraction(stage)).toBe(0.5);
    expect(stageEta(stage, 3000)).toBe(3000);
    expect(stageEta({ ...stage, done: 0 }, 3000)).toBeNull();
  });

  it('splits pending requests into those on the wire and those queued', () => {
    const stage = fold(fakeReviewEvents().slice(0, 2)).stages[0]!;
    expect(stageRequests({ ...stage, inFlight: 5 }, 2)).toEqual({ sending: 2, queued: 3 });
    expect(stageRequests({ ...stage, inFlight: 1 }, 2)).toEqual({ sending: 1, queued: 0 });
    expect(stageRequests({ ...stage, inFlight: 3 }, null)).toEqual({ sending: 3, queued: 0 });
  });

  it('takes the concurrency from the accounting', () => {
    const state = fold([{ type: 'model', event: { type: 'request-started', stage: 'classify', cacheKey: 'k' }, accounting: accounting({ concurrency: 6 }) }]);
    expect(state.concurrency).toBe(6);
  });
});
