import { describe, expect, it } from 'vitest';
import { AbortedError } from '../../src/errors.js';
import { mapSteps, runSteps, runStepsCooperatively, type StepProgress, type Steps } from '../../src/review/cooperative-loop.js';

/** Busy work for about `ms` per step: CPU-bound, like the offline engine over a large corpus. */
function* busy(steps: number, ms: number): Steps<number> {
  for (let i = 0; i < steps; i++) {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      // spin
    }
    yield { done: i + 1, total: steps };
  }
  return steps;
}

describe('cooperative loop', () => {
  it('gives the same result straight through and cooperatively', async () => {
    const square = (): Steps<number[]> => mapSteps([1, 2, 3, 4], (x) => x * x);
    expect(runSteps(square())).toEqual([1, 4, 9, 16]);
    expect(await runStepsCooperatively(square())).toEqual([1, 4, 9, 16]);
  });

  it('lets timers run while CPU-bound steps work, and reports progress', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const seen: StepProgress[] = [];
    try {
      await runStepsCooperatively(busy(40, 5), { sliceMs: 20, progress: (p) => seen.push(p) });
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual({ done: 40, total: 40 });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThan(seen[i - 1]!.done);
  });

  it('stops with AbortedError soon after the signal aborts, without running the remaining steps', async () => {
    const controller = new AbortController();
    let stepsRun = 0;
    function* counted(): Steps<void> {
      for (let i = 0; i < 10_000; i++) {
        stepsRun++;
        const end = performance.now() + 1;
        while (performance.now() < end) {
          // spin
        }
        yield undefined;
      }
    }
    setTimeout(() => controller.abort(), 30);
    await expect(runStepsCooperatively(counted(), { signal: controller.signal, what: 'taxonomy', sliceMs: 10 })).rejects.toThrow(AbortedError);
    expect(stepsRun).toBeLessThan(10_000);
    await expect(runStepsCooperatively(counted(), { signal: controller.signal, what: 'taxonomy' })).rejects.toThrow('taxonomy interrupted');
  });
});
