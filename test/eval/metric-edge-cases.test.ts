import { describe, expect, it } from 'vitest';
import { bootstrapIntervals, percentile } from '../../src/eval/bootstrap.js';
import { classificationMetrics } from '../../src/eval/classification-metrics.js';
import { clusteringMetrics } from '../../src/eval/clustering-metrics.js';
import { screeningMetrics } from '../../src/eval/screening-metrics.js';

// The edge cases of the agreement figures `litrev eval` reports: every expected value is worked out by hand
// in the comment beside it.

describe('classification metrics at the edges', () => {
  it('no items: no figures (null), no classes', () => {
    expect(classificationMetrics([], [])).toEqual({ n: 0, accuracy: null, kappa: null, macroF1: null, perClass: {}, confusion: {} });
  });

  it('gold and prediction of different lengths are refused', () => {
    expect(() => classificationMetrics(['a', 'b'], ['a'])).toThrow(new RangeError('classificationMetrics: 2 gold against 1'));
  });

  it('a class only predicted, never in gold: precision 0, recall 0 (no support), F1 0, and it counts in macro-F1', () => {
    // gold a a b, predicted a c b. a: TP 1 of 2 gold, 1 predicted: P 1, R 1/2, F1 2/3. b: 1. c: 0.
    const r = classificationMetrics(['a', 'a', 'b'], ['a', 'c', 'b']);
    expect(r.perClass.a!.precision).toBe(1);
    expect(r.perClass.a!.recall).toBe(0.5);
    expect(r.perClass.a!.f1).toBeCloseTo(2 / 3, 12);
    expect(r.perClass.b).toEqual({ precision: 1, recall: 1, f1: 1, support: 1 });
    expect(r.perClass.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(r.macroF1).toBeCloseTo((2 / 3 + 1 + 0) / 3, 12);
    expect(r.accuracy).toBeCloseTo(2 / 3, 12);
    // po = 2/3; pe = P(a)P(a) + P(b)P(b) = (2/3)(1/3) + (1/3)(1/3) = 1/3; kappa = (1/3)/(2/3) = 1/2.
    expect(r.kappa).toBeCloseTo(0.5, 12);
  });

  it('perfect agreement scores 1 throughout', () => {
    const r = classificationMetrics(['x', 'y', 'y'], ['x', 'y', 'y']);
    expect([r.accuracy, r.kappa, r.macroF1]).toEqual([1, 1, 1]);
  });

  it('lists classes in alphabetical order, whatever order they come in (the report tables follow it)', () => {
    const r = classificationMetrics(['survey', 'method', 'benchmark'], ['method', 'survey', 'benchmark']);
    expect(Object.keys(r.perClass)).toEqual(['benchmark', 'method', 'survey']);
    expect(Object.keys(r.confusion)).toEqual(['benchmark', 'method', 'survey']);
    expect(Object.keys(r.confusion.survey!)).toEqual(['benchmark', 'method', 'survey']);
  });

  it('labels named like object properties are ordinary labels', () => {
    // gold __proto__ constructor, predicted __proto__ __proto__: __proto__ P 1/2 R 1 F1 2/3; constructor 0.
    const r = classificationMetrics(['__proto__', 'constructor'], ['__proto__', '__proto__']);
    expect(r.confusion['constructor']!['__proto__']).toBe(1);
    expect(r.perClass['__proto__']).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3, support: 1 });
    expect(r.perClass['constructor']).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
  });
});

describe('clustering metrics at the edges', () => {
  it('no items: no figures (null) and no mapping', () => {
    expect(clusteringMetrics([], [])).toEqual({ n: 0, nmi: null, ari: null, mappedAccuracy: null, mapping: {} });
  });

  it('gold and run of different lengths are refused', () => {
    expect(() => clusteringMetrics(['A'], ['x', 'y'])).toThrow(new RangeError('clusteringMetrics: 1 gold against 2'));
  });

  it('one item, or one cluster on both sides: trivial agreement scores 1', () => {
    for (const [gold, run] of [[['A'], ['x']], [['A', 'A', 'A'], ['x', 'x', 'x']]]) {
      const r = clusteringMetrics(gold!, run!);
      expect([r.nmi, r.ari, r.mappedAccuracy]).toEqual([1, 1, 1]);
      expect(r.mapping).toEqual({ x: 'A' });
    }
  });

  it('the run puts everything in one cluster while gold has two: NMI 0, ARI 0', () => {
    // gold A A A B, run x x x x. H(run) = 0, MI = 0: NMI 0.
    // ARI: index = C(3,2) = 3, a = C(4,2) = 6, b = C(3,2) = 3, E = 6*3/6 = 3, max = 4.5: (3 - 3)/(4.5 - 3) = 0.
    const r = clusteringMetrics(['A', 'A', 'A', 'B'], ['x', 'x', 'x', 'x']);
    expect(r.nmi).toBe(0);
    expect(r.ari).toBe(0);
    expect(r.mapping).toEqual({ x: 'A' });
    expect(r.mappedAccuracy).toBe(0.75);
  });

  it('gold has one category, the run splits it in two: NMI 0, ARI 0', () => {
    // H(gold) = 0, MI = 0: NMI 0. ARI: index = 1 + 1 = 2, a = 1 + 1 = 2, b = C(4,2) = 6, E = 2*6/6 = 2, max = 4: 0.
    const r = clusteringMetrics(['A', 'A', 'A', 'A'], ['x', 'x', 'y', 'y']);
    expect([r.nmi, r.ari, r.mappedAccuracy]).toEqual([0, 0, 0.5]);
  });

  it('does not depend on the order of the items: the mapping, its order and a tied choice stay the same', () => {
    // x covers two A and two B: a tie, settled the same way whichever label comes first.
    const gold = ['B', 'B', 'A', 'A', 'C'];
    const run = ['x', 'x', 'x', 'x', 'w'];
    const forward = clusteringMetrics(gold, run);
    const backward = clusteringMetrics([...gold].reverse(), [...run].reverse());
    expect(backward).toEqual(forward);
    expect(Object.entries(backward.mapping)).toEqual(Object.entries(forward.mapping));
    expect(Object.keys(forward.mapping)).toEqual(['w', 'x']);
  });

  it('more run clusters than gold ones: the extra cluster maps to nothing', () => {
    // gold A A B B B, run x x y y z. Contingency x:(2,0) y:(0,2) z:(0,1); best mapping x->A, y->B: 4 of 5.
    const r = clusteringMetrics(['A', 'A', 'B', 'B', 'B'], ['x', 'x', 'y', 'y', 'z']);
    expect(r.mapping).toEqual({ x: 'A', y: 'B' });
    expect(r.mappedAccuracy).toBeCloseTo(4 / 5, 12);
    // ARI: index = 1 + 1 = 2, a = 1 + 1 + 0 = 2, b = 1 + 3 = 4, E = 2*4/10 = 0.8, max = 3: 1.2/2.2.
    expect(r.ari).toBeCloseTo(1.2 / 2.2, 12);
    // NMI: MI = .4 ln(5*2/(2*2)) + .4 ln(5*2/(2*3)) + .2 ln(5*1/(1*3)); H(run) over 2,2,1; H(gold) over 2,3.
    const mi = 0.4 * Math.log(2.5) + 0.4 * Math.log(5 / 3) + 0.2 * Math.log(5 / 3);
    const hr = -(2 * 0.4 * Math.log(0.4) + 0.2 * Math.log(0.2));
    const hg = -(0.4 * Math.log(0.4) + 0.6 * Math.log(0.6));
    expect(r.nmi).toBeCloseTo(mi / ((hr + hg) / 2), 12);
  });
});

describe('screening metrics at the edges', () => {
  const item = (gold: boolean, included: boolean, i = 0) => ({ key: `k${i}`, title: `T${i}`, gold, included });

  it('no items: counts 0, every ratio null', () => {
    expect(screeningMetrics([])).toEqual({
      n: 0, truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0,
      recall: null, precision: null, specificity: null, f1: null, missed: [],
    });
  });

  it('no relevant paper in gold, one kept anyway: recall undefined, precision 0, specificity 0, F1 0', () => {
    const r = screeningMetrics([item(false, true)]);
    expect([r.truePositives, r.falsePositives, r.trueNegatives, r.falseNegatives]).toEqual([0, 1, 0, 0]);
    expect([r.recall, r.precision, r.specificity, r.f1]).toEqual([null, 0, 0, 0]);
  });

  it('every relevant paper excluded: recall 0, precision undefined, F1 0, each one listed as missed', () => {
    const r = screeningMetrics([item(true, false, 1), item(true, false, 2)]);
    expect([r.truePositives, r.falsePositives, r.trueNegatives, r.falseNegatives]).toEqual([0, 0, 0, 2]);
    expect([r.recall, r.precision, r.specificity, r.f1]).toEqual([0, null, null, 0]);
    expect(r.missed).toEqual([{ key: 'k1', title: 'T1' }, { key: 'k2', title: 'T2' }]);
  });

  it('nothing relevant kept and something irrelevant kept: recall 0, precision 0, F1 0', () => {
    const r = screeningMetrics([item(true, false, 1), item(false, true, 2)]);
    expect([r.recall, r.precision, r.specificity, r.f1]).toEqual([0, 0, 0, 0]);
  });

  it('a perfect screen scores 1 throughout and misses nothing', () => {
    const r = screeningMetrics([item(true, true, 1), item(false, false, 2)]);
    expect([r.n, r.truePositives, r.trueNegatives]).toEqual([2, 1, 1]);
    expect([r.recall, r.precision, r.specificity, r.f1]).toEqual([1, 1, 1, 1]);
    expect(r.missed).toEqual([]);
  });
});

describe('bootstrap intervals at the edges', () => {
  const mean = (s: readonly number[]) => s.reduce((a, b) => a + b, 0) / s.length;

  it('no items: no interval, and the statistic is never evaluated', () => {
    let calls = 0;
    expect(bootstrapIntervals([], { m: () => ++calls }, 1)).toEqual({ m: null });
    expect(calls).toBe(0);
  });

  it('orders resampled values as numbers (2 < 6 < 10), not as text', () => {
    // The mean of two draws from {2, 10} is 2, 6 or 10, with probabilities 1/4, 1/2, 1/4: the 2.5th and 97.5th
    // percentiles of 1000 resamples are the extremes.
    expect(bootstrapIntervals([2, 10], { mean }, 3)).toEqual({ mean: [2, 10] });
  });

  it('a constant statistic has a zero-width interval', () => {
    expect(bootstrapIntervals([4, 4, 4], { mean }, 5)).toEqual({ mean: [4, 4] });
  });

  it('leaves out resamples where the statistic is undefined (null, NaN, infinite)', () => {
    // Two draws from {0, 1}: all zeros (p = 1/4) leaves the statistic undefined; otherwise the mean is 1/2 or 1.
    const ifAnyOne = (undefinedAs: number | null) => (s: readonly number[]) => (s.includes(1) ? mean(s) : undefinedAs);
    const r = bootstrapIntervals([0, 1], { nul: ifAnyOne(null), nan: ifAnyOne(NaN), inf: ifAnyOne(Infinity) }, 9);
    expect(r).toEqual({ nul: [0.5, 1], nan: [0.5, 1], inf: [0.5, 1] });
  });

  it('gives no interval when the statistic is undefined on more than half of the resamples, one when on exactly half', () => {
    // Defined only when both draws are 1 (p = 1/4).
    expect(bootstrapIntervals([0, 1], { m: (s) => (s.every((x) => x === 1) ? 1 : null) }, 9)).toEqual({ m: null });
    let call = 0;
    const everyOther = () => (call++ % 2 === 0 ? 1 : null);
    expect(bootstrapIntervals([0, 1], { m: everyOther }, 9, 4)).toEqual({ m: [1, 1] });
    call = 1;
    expect(bootstrapIntervals([0, 1], { m: everyOther }, 9, 5)).toEqual({ m: null });
  });

  it('percentiles: exact positions, interpolation between neighbours, the extremes', () => {
    expect(percentile([1, 2, 3], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([0, 10, 20], 0.975)).toBeCloseTo(19.5, 12);
    expect(percentile([3, 7], 0)).toBe(3);
    expect(percentile([3, 7], 1)).toBe(7);
    expect(percentile([5], 0.025)).toBe(5);
  });
});
