import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { ReviewEvent } from '../../src/pipeline/events.js';
import { initialRunState, reduceRunState, type RunState } from '../../src/pipeline/run-state.js';
import { Dashboard } from '../../src/ui/dashboard/dashboard.js';
import { accounting, fakeReviewEvents } from '../cli/output/fake-events.js';

function fold(events: ReviewEvent[]): RunState {
  return events.reduce((s, e, i) => reduceRunState(s, e, i * 500), initialRunState);
}

describe('Dashboard', () => {
  it('shows a running stage with its bar, requests in flight, cache hits, retries, tokens, cost, elapsed time and ETA', () => {
    const events = fakeReviewEvents();
    const state = fold(events.slice(0, 8)); // classify: 2 of 4 done, one retry, one request finished
    const { lastFrame } = render(<Dashboard state={state} now={3500} />);
    const frame = lastFrame()!;
    expect(frame).toContain('litrev review r-2026-01-01-abc · 4 papers');
    expect(frame).toContain('model test-model');
    expect(frame).toMatch(/classify\s+█{12}░{12}\s+2\/4 papers \(50%\)/);
    expect(frame).toContain('requests: 0 in flight · 2 sent · 1 cached · 0 failed · 1 retry');
    expect(frame).toContain('0:03 elapsed · ETA 0:03 · 1,000+200 tokens · $0.0100');
    expect(frame).toContain('last error: HTTP 429 rate limited');
    expect(frame).toMatch(/^elapsed 0:0\d · 2 calls · 1 cache hit · 1,000\+200 tokens · \$0\.0100/m);
  });

  it('moves finished stages above the live area and ends with the summary, files and verification', () => {
    const state = fold(fakeReviewEvents());
    const { lastFrame } = render(<Dashboard state={state} now={10_000} />);
    const frame = lastFrame()!;
    expect(frame).toMatch(/! classify\s+3\/4 papers, 1 failed · 2\.0 s · 2 sent · 1 cached · 1,000\+200 tokens · \$0\.0100 · 1 retry/);
    expect(frame).toMatch(/✓ synthesize\s+2\/2 sections/);
    expect(frame).toContain('Done in 4.2 s: 3 of 4 papers annotated, 1 failed');
    expect(frame).toContain('4 calls · 1 cache hit · 1,500 prompt + 300 completion tokens · $0.0123');
    expect(frame).toContain('Verification: 9 citations checked (1 unknown removed), 4 numbers (0 unsupported)');
    expect(frame).toContain('Files in /tmp/runs/r-2026-01-01-abc:');
    expect(frame).toMatch(/^  review\.md$/m);
    expect(frame).toContain('warning: taxonomy has a category with one paper');
    expect(frame).not.toContain('░');
  });

  it('tells requests on the wire from requests waiting for a slot', () => {
    const started = (k: string): ReviewEvent => ({ type: 'model', event: { type: 'request-started', stage: 'classify', cacheKey: k }, accounting: accounting({ concurrency: 2 }) });
    const state = fold([...fakeReviewEvents().slice(0, 2), started('a'), started('b'), started('c'), started('d'), started('e')]);
    const { lastFrame } = render(<Dashboard state={state} now={3000} />);
    expect(lastFrame()).toContain('requests: 2 in flight, 3 queued · 0 sent · 0 cached');
  });

  it('labels the offline engine clearly', () => {
    const state = fold([
      { type: 'run-started', runId: 'r1', outDir: '/o', engine: 'offline', engineReason: 'no OPENAI_API_KEY or OPENAI_BASE_URL is set', model: null, papers: 2, stages: ['classify'] },
    ]);
    const { lastFrame } = render(<Dashboard state={state} now={0} />);
    expect(lastFrame()).toContain('OFFLINE ENGINE (extractive): no OPENAI_API_KEY or OPENAI_BASE_URL is set');
  });

  it('updates as state arrives', async () => {
    const events = fakeReviewEvents();
    const { lastFrame, rerender } = render(<Dashboard state={fold(events.slice(0, 2))} now={0} />);
    expect(lastFrame()).toContain('0/4 papers (0%)');
    rerender(<Dashboard state={fold(events.slice(0, 10))} now={5000} />);
    expect(lastFrame()).toContain('4/4 papers (100%)');
  });

  it('fits 80 columns: every line of the live area and of a finished stage ends in an ellipsis instead of wrapping', () => {
    const long = fold([
      ...fakeReviewEvents().slice(0, 8),
      { type: 'stage-progress', stage: 'classify', done: 123_456, total: 200_000, failed: 0 },
      { type: 'warning', message: 'a warning long enough to run past the right edge of an eighty-column terminal, twice over at least' },
    ]);
    const { lastFrame } = render(
      <Box width={80}>
        <Dashboard state={long} now={3500} />
      </Box>,
    );
    const lines = lastFrame()!.split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines.some((l) => l.endsWith('…'))).toBe(true);
    // Words are cut only by the ellipsis at the end of a line, never wrapped onto the next.
    expect(lines.every((l) => !/^\S/.test(l) || /^(litrev|model|output|classify|elapsed|warning|\s)/.test(l))).toBe(true);
  });

  it('shows a stage that does not know its total yet as starting, then counts in its one unit', () => {
    const base = fakeReviewEvents().slice(0, 1);
    const starting = fold([...base, { type: 'stage-started', stage: 'taxonomy', total: null, unit: 'steps' }]);
    expect(render(<Dashboard state={starting} now={0} />).lastFrame()).toMatch(/taxonomy\s+░+ starting/);
    const counted = fold([...base, { type: 'stage-started', stage: 'taxonomy', total: null, unit: 'steps' }, { type: 'stage-progress', stage: 'taxonomy', done: 86, total: 411, failed: 0 }]);
    expect(render(<Dashboard state={counted} now={0} />).lastFrame()).toContain('86/411 steps (20%)');
  });
});

