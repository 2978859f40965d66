import { describe, expect, it } from 'vitest';
import { cohensKappa, fleissKappa, matchCategories, observedAgreement } from '../../src/runs/agreement.js';

/** Expand a 2x2 table (yes/yes, yes/no, no/yes, no/no) into two label lists. */
function table2x2(yy: number, yn: number, ny: number, nn: number): [string[], string[]] {
  const a: string[] = [];
  const b: string[] = [];
  const add = (n: number, x: string, y: string) => {
    for (let i = 0; i < n; i++) {
      a.push(x);
      b.push(y);
    }
  };
  add(yy, 'yes', 'yes');
  add(yn, 'yes', 'no');
  add(ny, 'no', 'yes');
  add(nn, 'no', 'no');
  return [a, b];
}

/** Expand a subjects x categories count table into one label per rater for each subject. */
function fromCounts(rows: number[][]): string[][] {
  return rows.map((row) => row.flatMap((n, j) => new Array<string>(n).fill(`c${j + 1}`)));
}

describe('cohensKappa', () => {
  it('matches the worked example on Wikipedia (50 grant proposals: 20/5/10/15 -> 0.4)', () => {
    const [a, b] = table2x2(20, 5, 10, 15);
    expect(observedAgreement(a, b)).toBeCloseTo(0.7, 10);
    expect(cohensKappa(a, b)).toBeCloseTo(0.4, 10);
  });

  it('matches the two equal-agreement tables on Wikipedia (0.1304 and 0.2593)', () => {
    expect(cohensKappa(...table2x2(45, 15, 25, 15))).toBeCloseTo(0.1304, 4);
    expect(cohensKappa(...table2x2(25, 35, 5, 35))).toBeCloseTo(0.2593, 4);
  });

  it('is 1 for perfect agreement, even when both raters used one category only', () => {
    expect(cohensKappa(['x', 'y', 'z'], ['x', 'y', 'z'])).toBe(1);
    expect(cohensKappa(['x', 'x', 'x'], ['x', 'x', 'x'])).toBe(1);
    expect(cohensKappa(['x'], ['x'])).toBe(1);
  });

  it('is 0 for agreement at chance level and negative below it', () => {
    expect(cohensKappa(...table2x2(25, 25, 25, 25))).toBeCloseTo(0, 10);
    expect(cohensKappa(['a', 'b'], ['b', 'a'])).toBeCloseTo(-1, 10);
  });

  it('is null with no items and refuses lists of different lengths', () => {
    expect(cohensKappa([], [])).toBeNull();
    expect(() => cohensKappa(['a'], [])).toThrow(RangeError);
  });
});

describe('fleissKappa', () => {
  it("reproduces Fleiss' 1971 worked example (10 subjects, 14 raters, 5 categories) -> 0.210", () => {
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    expect(fleissKappa(fromCounts(counts))).toBeCloseTo(0.20993, 4);
  });

  it('is 1 when all raters agree (also on a single category), null with no rated item', () => {
    expect(fleissKappa([['a', 'a', 'a'], ['b', 'b', 'b']])).toBe(1);
    expect(fleissKappa([['a', 'a'], ['a', 'a']])).toBe(1);
    expect(fleissKappa([])).toBeNull();
    expect(fleissKappa([['a']])).toBeNull();
  });

  it('with two raters lies close to Cohen on the same data', () => {
    const [a, b] = table2x2(20, 5, 10, 15);
    const fleiss = fleissKappa(a.map((x, i) => [x, b[i]!]))!;
    expect(Math.abs(fleiss - cohensKappa(a, b)!)).toBeLessThan(0.02);
  });
});

describe('matchCategories', () => {
  const map = (entries: Record<string, string>) => new Map(Object.entries(entries));

  it('pairs renamed categories by their shared papers', () => {
    const a = map({ p1: 'Pruning', p2: 'Pruning', p3: 'Quant', p4: 'Quant' });
    const b = map({ p1: 'Sparsity', p2: 'Sparsity', p3: 'Low-bit', p4: 'Low-bit' });
    const m = matchCategories(a, b);
    expect(m.pairs).toEqual([
      { a: 'Pruning', b: 'Sparsity', overlap: 2 },
      { a: 'Quant', b: 'Low-bit', overlap: 2 },
    ]);
    expect(m.unmatchedA).toEqual([]);
    expect(m.unmatchedB).toEqual([]);
    expect(m.bToA.get('Sparsity')).toBe('Pruning');
  });

  it('finds the best one-to-one assignment where greedy matching would not', () => {
    // Greedy takes X-P (3) and leaves Y with nothing; the optimum is X-Q + Y-P (4).
    const a = map({ 1: 'X', 2: 'X', 3: 'X', 4: 'X', 5: 'X', 6: 'Y', 7: 'Y' });
    const b = map({ 1: 'P', 2: 'P', 3: 'P', 4: 'Q', 5: 'Q', 6: 'P', 7: 'P' });
    const m = matchCategories(a, b);
    expect(new Set(m.pairs.map((p) => `${p.a}-${p.b}`))).toEqual(new Set(['X-Q', 'Y-P']));
  });

  it('keeps unmatched categories distinct, even when a name collides with a matched one', () => {
    // B's "Pruning" holds only p3, which A calls "Quant"; A's "Pruning" matches B's "Sparsity".
    const a = map({ p1: 'Pruning', p2: 'Pruning', p3: 'Quant', p4: 'Quant', p5: 'Quant' });
    const b = map({ p1: 'Sparsity', p2: 'Sparsity', p3: 'Pruning', p4: 'Low-bit', p5: 'Low-bit' });
    const m = matchCategories(a, b);
    expect(m.bToA.get('Sparsity')).toBe('Pruning');
    expect(m.bToA.get('Low-bit')).toBe('Quant');
    expect(m.unmatchedB).toEqual(['Pruning']);
    expect(m.bToA.get('Pruning')).not.toBe('Pruning');
    expect(['Pruning', 'Quant']).not.toContain(m.bToA.get('Pruning'));
  });

  it('prefers the same name among equal overlaps, and ignores papers only one side has', () => {
    const a = map({ p1: 'A', p2: 'B', only: 'C' });
    const b = map({ p1: 'B', p2: 'A', other: 'D' });
    const m = matchCategories(a, b);
    expect(m.pairs.map((p) => [p.a, p.b])).toEqual([
      ['A', 'B'],
      ['B', 'A'],
    ]);
    const c = matchCategories(map({ p1: 'A', p2: 'A' }), map({ p1: 'A', p2: 'Z' }));
    expect(c.pairs).toEqual([{ a: 'A', b: 'A', overlap: 1 }]);
    expect(m.unmatchedA).toEqual(['C']);
    expect(m.unmatchedB).toEqual(['D']);
  });
});
