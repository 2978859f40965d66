import { expect } from 'vitest';

/**
 * Check `--plain` progress lines: every stage counts in one unit from its start to its end, with one
 * total (the one its start line names, when it names one), and ends with everything counted done.
 */
export function expectOneUnitPerStage(stderr: string, stages: readonly string[]): void {
  const lines = stderr.split('\n');
  for (const stage of stages) {
    const own = lines.filter((l) => l.startsWith(`[${stage}] `));
    const started = /^\[\w+\] started(?:: ([\d,]+) (\w+))?$/.exec(own[0] ?? '');
    expect(started, own.join('\n')).not.toBeNull();
    const counts = own.slice(1).flatMap((l) => [...(/ ([\d,]+)\/([\d,]+) (\w+)/.exec(l) ?? [])].slice(2, 4));
    const totals = new Set(counts.filter((_, i) => i % 2 === 0));
    const units = new Set(counts.filter((_, i) => i % 2 === 1));
    expect(totals.size, own.join('\n')).toBe(1);
    expect(units.size, own.join('\n')).toBe(1);
    if (started![1] !== undefined) expect([...totals][0], own.join('\n')).toBe(started![1]);
    if (started![2] !== undefined) expect([...units][0]).toBe(started![2]);
    expect(own.at(-1), own.join('\n')).toMatch(new RegExp(`finished: ${[...totals][0]}/${[...totals][0]} `));
  }
}
