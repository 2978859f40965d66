import { describe, expect, it } from 'vitest';
import { figureFor, figuresFor } from '../../src/query/metric-figure.js';
import { abstractFigures } from '../../src/query/paper-row.js';

const speedups = (abstract: string) => figuresFor(abstractFigures(abstract), 'speedup').map((c) => c.value!.number);

describe('what a figure measures, read off the words right after it', () => {
  it('a second factor of the sentence that counts something else is not a speedup', () => {
    const abstract = 'Furthermore, Q* search is up to 129 times faster and generates up to 1288 times fewer nodes than A* search.';
    expect(speedups(abstract)).toEqual([129]);
    expect(figureFor(abstractFigures(abstract), 'speedup', 'largest')!.value!.raw).toBe('up to 129 times');
  });

  it('a factor that says how much slower something is never counts as a speedup', () => {
    expect(speedups('Our characterizations reveal that the KAT is still 123x slower in training speeds than the MLP.')).toEqual([]);
  });

  it('a factor without words of its own keeps the sentence\'s metric', () => {
    expect(speedups('TriForce facilitates impressive speedups for Llama2-7B-128K, achieving up to 2.31x on an A100 GPU.')).toEqual([2.31]);
    expect(speedups('Our framework achieves a speedup of up to 2.12x with minimal quality degradation.')).toEqual([2.12]);
  });

  it('a memory factor beside a speed factor goes to memory, not to speed', () => {
    const abstract = 'SnapKV achieves a 3.6x increase in generation speed and an 8.2x enhancement in memory efficiency.';
    expect(speedups(abstract)).toEqual([3.6]);
  });
});

describe('memory figures', () => {
  it('a factor of memory efficiency counts as a memory reduction', () => {
    const claims = abstractFigures('SnapKV achieves a 3.6x increase in generation speed and an 8.2x enhancement in memory efficiency.');
    expect(figuresFor(claims, 'memory').map((c) => c.value!.number)).toEqual([8.2]);
  });
});
