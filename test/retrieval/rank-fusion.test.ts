import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../src/retrieval/rank-fusion.js';

describe('reciprocalRankFusion', () => {
  it('sums 1/(k+rank) over rankings and records each rank', () => {
    const fused = reciprocalRankFusion([['a', 'b', 'c'], ['c', 'a']], (x) => x, 60);
    expect(fused.map((f) => f.item)).toEqual(['a', 'c', 'b']);
    expect(fused[0]?.score).toBeCloseTo(1 / 61 + 1 / 62);
    expect(fused[0]?.ranks).toEqual([1, 2]);
    expect(fused[2]?.ranks).toEqual([2, null]);
  });

  it('breaks ties by first appearance', () => {
    const fused = reciprocalRankFusion([['a', 'b'], ['b', 'a']], (x) => x);
    expect(fused.map((f) => f.item)).toEqual(['a', 'b']);
  });
});
