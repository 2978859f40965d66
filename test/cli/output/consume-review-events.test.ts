import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { consumeReviewEvents } from '../../../src/cli/output/consume-review-events.js';
import type { ReviewEvent } from '../../../src/pipeline/events.js';
import { SUMMARY, fakeReviewEvents, streamOf } from './fake-events.js';

function sink() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d) => (text += d));
  return { stream, get text() { return text; } };
}

/** A terminal-like stdout for Ink (as ink-testing-library builds one). */
class FakeTerminal extends EventEmitter {
  columns = 120;
  rows = 40;
  isTTY = true;
  output = '';
  write = (chunk: string, cb?: () => void) => {
    this.output += chunk;
    cb?.();
    return true;
  };
}

const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

function clock(step = 250) {
  let t = 0;
  return () => (t += step);
}

describe('consumeReviewEvents', () => {
  it('json: prints exactly one JSON object with the contract fields at the end, nothing on stderr', async () => {
    const out = sink();
    const err = sink();
    const summary = await consumeReviewEvents(streamOf(fakeReviewEvents()), { mode: 'json', stdout: out.stream, stderr: err.stream });
    expect(summary).toEqual(SUMMARY);
    const lines = out.text.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    for (const field of ['runId', 'outDir', 'engine', 'papers', 'annotated', 'failed', 'calls', 'cacheHits', 'promptTokens', 'completionTokens']) {
      expect(json[field]).toEqual((SUMMARY as unknown as Record<string, unknown>)[field]);
    }
    expect(json).toMatchObject({ costUSD: 0.0123, files: SUMMARY.files, verification: SUMMARY.verification, durationMs: 4200 });
    expect(json.failures).toEqual([{ stage: 'classify', paperId: 'p4', reason: 'schema: claims[0].quote missing' }]);
    expect(err.text).toBe('');
  });

  it('plain: progress lines and the summary on stderr, stdout empty', async () => {
    const out = sink();
    const err = sink();
    await consumeReviewEvents(streamOf(fakeReviewEvents()), { mode: 'plain', stdout: out.stream, stderr: err.stream, now: clock() });
    expect(out.text).toBe('');
    const lines = err.text.trim().split('\n');
    expect(lines[0]).toBe('litrev: review r-2026-01-01-abc: 4 papers, model test-model (model endpoint http://127.0.0.1:1)');
    expect(lines).toContain('[classify] started: 4 papers');
    expect(lines.some((l) => /^\[classify\] 2\/4 papers \(50%\), 0 failed, 1 in flight, elapsed 0:02, ETA 0:02$/.test(l))).toBe(true);
    expect(lines).toContain('[classify] failed p4: schema: claims[0].quote missing');
    expect(lines).toContain('[classify] finished: 3/4 papers, 1 failed, in 2.0 s; 2 requests sent, 1 cache hit, 1 retry');
    expect(lines).toContain('warning: taxonomy has a category with one paper');
    expect(lines).toContain('[synthesize] started: 2 sections');
    expect(lines).toContain('verification: 9 citations checked (1 unknown removed), 4 numbers (0 unsupported), 3 quotes (0 not verbatim)');
    expect(lines).toContain('done in 4.2 s: 3 of 4 papers annotated, 1 failed; 4 calls, 1 cache hit, 1,500 prompt + 300 completion tokens, $0.0123');
    expect(lines.slice(-3)).toEqual(['files:', `  ${SUMMARY.files[0]}`, `  ${SUMMARY.files[1]}`]);
  });

  it('plain: one progress line per 10% step, not one per paper', async () => {
    const err = sink();
    const events: ReviewEvent[] = [
      fakeReviewEvents()[0]!,
      { type: 'stage-started', stage: 'classify', total: 100, unit: 'papers' },
      ...Array.from({ length: 100 }, (_, i): ReviewEvent => ({ type: 'stage-progress', stage: 'classify', done: i + 1, total: 100, failed: 0 })),
      { type: 'stage-finished', stage: 'classify', done: 100, failed: 0, durationMs: 10 },
      { type: 'run-finished', summary: SUMMARY },
    ];
    await consumeReviewEvents(streamOf(events), { mode: 'plain', stdout: sink().stream, stderr: err.stream, now: () => 0 });
    const progress = err.text.split('\n').filter((l) => /^\[classify\] \d+\/100/.test(l));
    expect(progress.map((l) => l.split(' ')[1])).toEqual(['10/100', '20/100', '30/100', '40/100', '50/100', '60/100', '70/100', '80/100', '90/100']);
  });

  it('ink: draws the dashboard on the terminal and leaves the summary on screen', async () => {
    const terminal = new FakeTerminal();
    const err = sink();
    const summary = await consumeReviewEvents(streamOf(fakeReviewEvents(), () => new Promise((r) => setTimeout(r, 2))), {
      mode: 'ink',
      stdout: terminal as unknown as NodeJS.WritableStream,
      stderr: err.stream,
      now: clock(),
    });
    expect(summary.runId).toBe(SUMMARY.runId);
    const screen = stripAnsi(terminal.output);
    expect(screen).toContain('litrev review r-2026-01-01-abc');
    expect(screen).toMatch(/classify\s+3\/4 papers, 1 failed/);
    expect(screen).toContain('Done in 4.2 s: 3 of 4 papers annotated, 1 failed');
    expect(screen).toContain('Verification: 9 citations checked');
  });

  it('rethrows the stream error after releasing the terminal, and rejects a stream without a summary', async () => {
    async function* failing(): AsyncGenerator<ReviewEvent> {
      yield fakeReviewEvents()[0]!;
      throw new Error('endpoint rejected the key');
    }
    const terminal = new FakeTerminal();
    await expect(
      consumeReviewEvents(failing(), { mode: 'ink', stdout: terminal as unknown as NodeJS.WritableStream, stderr: sink().stream }),
    ).rejects.toThrow('endpoint rejected the key');
    await expect(
      consumeReviewEvents(streamOf(fakeReviewEvents().slice(0, 3)), { mode: 'json', stdout: sink().stream, stderr: sink().stream }),
    ).rejects.toThrow('the review stopped before it finished');
  });
});
