import type { Accounting } from '../../../src/model/types.js';
import type { ReviewEvent, RunSummary } from '../../../src/pipeline/events.js';

/** A running accounting for fake model events. */
export function accounting(over: Partial<Accounting> = {}): Accounting {
  return { calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, costUSD: 0, retries: 0, failures: 0, cacheKeys: [], ...over };
}

export const SUMMARY: RunSummary = {
  runId: 'r-2026-01-01-abc',
  outDir: '/tmp/runs/r-2026-01-01-abc',
  engine: 'model',
  papers: 4,
  annotated: 3,
  withoutAbstract: 0,
  failed: 1,
  calls: 4,
  cacheHits: 1,
  promptTokens: 1500,
  completionTokens: 300,
  costUSD: 0.0123,
  files: ['/tmp/runs/r-2026-01-01-abc/review.md', '/tmp/runs/r-2026-01-01-abc/papers.jsonl'],
  verification: { citations: 9, danglingRemoved: 1, numbersChecked: 4, numbersUnsupported: 0, quotesChecked: 3, quotesNotVerbatim: 0 },
  durationMs: 4200,
};

/**
 * A small review: classify 4 papers in 2 batches (one cache hit, one retry, one paper failing),
 * then a synthesize step, verification and the summary.
 */
export function fakeReviewEvents(): ReviewEvent[] {
  return [
    { type: 'run-started', runId: SUMMARY.runId, outDir: SUMMARY.outDir, engine: 'model', engineReason: 'model endpoint http://127.0.0.1:1', model: 'test-model', papers: 4, stages: ['classify', 'synthesize'] },
    { type: 'stage-started', stage: 'classify', total: 4, unit: 'papers' },
    { type: 'model', event: { type: 'request-started', stage: 'classify', cacheKey: 'k1' }, accounting: accounting() },
    { type: 'model', event: { type: 'request-started', stage: 'classify', cacheKey: 'k2' }, accounting: accounting() },
    {
      type: 'model',
      event: { type: 'request-finished', stage: 'classify', cacheKey: 'k1', cached: true, usage: { promptTokens: 0, completionTokens: 0 }, costUSD: 0, latencyMs: 1 },
      accounting: accounting({ cacheHits: 1 }),
    },
    { type: 'stage-progress', stage: 'classify', done: 2, total: 4, failed: 0 },
    { type: 'model', event: { type: 'retry', stage: 'classify', attempt: 1, reason: 'HTTP 429 rate limited', delayMs: 500 }, accounting: accounting({ cacheHits: 1, calls: 1, retries: 1 }) },
    {
      type: 'model',
      event: { type: 'request-finished', stage: 'classify', cacheKey: 'k2', cached: false, usage: { promptTokens: 1000, completionTokens: 200 }, costUSD: 0.01, latencyMs: 300 },
      accounting: accounting({ cacheHits: 1, calls: 2, retries: 1, promptTokens: 1000, completionTokens: 200, costUSD: 0.01 }),
    },
    { type: 'paper-failed', stage: 'classify', paperId: 'p4', reason: 'schema: claims[0].quote missing' },
    { type: 'stage-progress', stage: 'classify', done: 3, total: 4, failed: 1 },
    { type: 'stage-finished', stage: 'classify', done: 3, failed: 1, durationMs: 2000 },
    { type: 'warning', message: 'taxonomy has a category with one paper' },
    { type: 'stage-started', stage: 'synthesize', total: 2, unit: 'sections' },
    { type: 'model', event: { type: 'request-started', stage: 'synthesize', cacheKey: 'k3' }, accounting: accounting({ cacheHits: 1, calls: 2, retries: 1, promptTokens: 1000, completionTokens: 200, costUSD: 0.01 }) },
    {
      type: 'model',
      event: { type: 'request-finished', stage: 'synthesize', cacheKey: 'k3', cached: false, usage: { promptTokens: 500, completionTokens: 100 }, costUSD: 0.0023, latencyMs: 300 },
      accounting: accounting({ cacheHits: 1, calls: 4, retries: 1, promptTokens: 1500, completionTokens: 300, costUSD: 0.0123 }),
    },
    { type: 'stage-progress', stage: 'synthesize', done: 2, total: 2, failed: 0 },
    { type: 'stage-finished', stage: 'synthesize', done: 2, failed: 0, durationMs: 1000 },
    { type: 'verification', summary: SUMMARY.verification },
    { type: 'run-finished', summary: SUMMARY },
  ];
}

/** The events as an async stream, optionally with a pause between them (for live rendering tests). */
export async function* streamOf(events: ReviewEvent[], pause?: () => Promise<void>): AsyncGenerator<ReviewEvent> {
  for (const e of events) {
    if (pause) await pause();
    yield e;
  }
}
