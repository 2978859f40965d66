import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from '../../src/runs/line-diff.js';

const ops = (a: string[], b: string[]) => diffLines(a, b).map((l) => `${l.op}${l.text}`);

describe('diffLines', () => {
  it('keeps the longest common subsequence', () => {
    // LCS length 4 (e.g. b a b a); each side's lines appear once, in order.
    const d = diffLines(['a', 'b', 'c', 'a', 'b', 'b', 'a'], ['c', 'b', 'a', 'b', 'a', 'c']);
    expect(d.filter((l) => l.op === ' ')).toHaveLength(4);
    expect(d.filter((l) => l.op !== '+').map((l) => l.text)).toEqual(['a', 'b', 'c', 'a', 'b', 'b', 'a']);
    expect(d.filter((l) => l.op !== '-').map((l) => l.text)).toEqual(['c', 'b', 'a', 'b', 'a', 'c']);
  });

  it('handles empty sides and identical input', () => {
    expect(ops([], ['x'])).toEqual(['+x']);
    expect(ops(['x'], [])).toEqual(['-x']);
    expect(ops(['x', 'y'], ['x', 'y'])).toEqual([' x', ' y']);
  });
});

describe('unifiedDiff', () => {
  it('writes hunks with context and correct line numbers', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];
    const b = ['1', '2', '3', '4', 'five', '6', '7', '8', '9', '10', '11', '12', '13'];
    expect(unifiedDiff(diffLines(a, b), 2)).toBe(
      ['@@ -3,5 +3,5 @@', ' 3', ' 4', '-5', '+five', ' 6', ' 7', '@@ -11,2 +11,3 @@', ' 11', ' 12', '+13'].join('\n'),
    );
  });

  it('merges nearby changes into one hunk and is empty without changes', () => {
    const d = diffLines(['a', 'b', 'c', 'd'], ['A', 'b', 'c', 'D']);
    expect(unifiedDiff(d, 3).split('\n')[0]).toBe('@@ -1,4 +1,4 @@');
    expect(unifiedDiff(diffLines(['a'], ['a']))).toBe('');
  });

  it('numbers a hunk that only adds to an empty text from 0', () => {
    expect(unifiedDiff(diffLines([], ['x', 'y']))).toBe('@@ -0,0 +1,2 @@\n+x\n+y');
  });
});
