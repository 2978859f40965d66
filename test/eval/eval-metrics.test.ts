import { describe, expect, it } from 'vitest';
import { bootstrapIntervals, percentile } from '../../src/eval/bootstrap.js';
import { classificationMetrics } from '../../src/eval/classification-metrics.js';
import { clusteringMetrics } from '../../src/eval/clustering-metrics.js';
import { screeningMetrics } from '../../src/eval/screening-metrics.js';

describe('classification metrics (worked example)', () => {
  // gold: 4 method, 3 survey, 3 benchmark. One method predicted survey, one survey predicted method.
  const gold = ['m', 'm', 'm', 'm', 's', 's', 's', 'b', 'b', 'b'];
  const pred = ['m', 'm', 'm', 's', 's', 's', 'm', 'b', 'b', 'b'];
  // Computed in each test, not when the file is collected: mutation testing attributes coverage per test.
  const result = () => classificationMetrics(gold, pred);

  it('accuracy = 8/10', () => expect(result().accuracy).toBeCloseTo(0.8, 10));
  it("Cohen's kappa = (po - pe)/(1 - pe) with po = .8, pe = (4*4 + 3*3 + 3*3)/100 = .34: .46/.66", () => {
    expect(result().kappa).toBeCloseTo(0.46 / 0.66, 10);
  });
  it('per class: m P=R=F1=3/4, s P=R=F1=2/3, b 1; macro-F1 = (3/4 + 2/3 + 1)/3', () => {
    expect(result().perClass.m).toEqual({ precision: 0.75, recall: 0.75, f1: 0.75, support: 4 });
    expect(result().perClass.s!.f1).toBeCloseTo(2 / 3, 10);
    expect(result().perClass.b!.f1).toBe(1);
    expect(result().macroF1).toBeCloseTo((0.75 + 2 / 3 + 1) / 3, 10);
  });
  it('confusion[gold][predicted]', () => {
    expect(result().confusion).toEqual({ b: { b: 3, m: 0, s: 0 }, m: { b: 0, m: 3, s: 1 }, s: { b: 0, m: 1, s: 2 } });
  });
  it('a class never predicted has precision 0, not NaN', () => {
    const x = classificationMetrics(['a', 'b'], ['a', 'a']);
    expect(x.perClass.b).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(x.macroF1).toBeCloseTo((2 / 3 + 0) / 2, 10);
  });
});

describe('clustering metrics (worked example)', () => {
  // gold A A A B B B; run x x y y y y. Contingency x:(2,0) y:(1,3).
  const result = () => clusteringMetrics(['A', 'A', 'A', 'B', 'B', 'B'], ['x', 'x', 'y', 'y', 'y', 'y']);
  it('ARI: index = C(2,2)+C(3,2) = 4, a = C(2,2)+C(4,2) = 7, b = 2*C(3,2) = 6, E = 7*6/15 = 2.8, max = 6.5: 1.2/3.7', () => {
    expect(result().ari).toBeCloseTo(1.2 / 3.7, 10);
  });
  it('NMI (arithmetic): MI = 1/3 ln2 + 1/6 ln(1/2) + 1/2 ln(3/2); H(run) = -(1/3 ln 1/3 + 2/3 ln 2/3); H(gold) = ln 2', () => {
    const mi = (1 / 3) * Math.log(2) + (1 / 6) * Math.log(0.5) + 0.5 * Math.log(1.5);
    const hr = -((1 / 3) * Math.log(1 / 3) + (2 / 3) * Math.log(2 / 3));
    expect(result().nmi).toBeCloseTo(mi / ((hr + Math.log(2)) / 2), 10);
    expect(result().nmi).toBeCloseTo(0.478704, 5);
  });
  it('best one-to-one mapping x->A, y->B covers 2 + 3 of 6', () => {
    expect(result().mapping).toEqual({ x: 'A', y: 'B' });
    expect(result().mappedAccuracy).toBeCloseTo(5 / 6, 10);
  });
  it('identical partitions under other names score 1; names do not matter', () => {
    const same = clusteringMetrics(['A', 'A', 'B', 'C'], ['q', 'q', 'r', 's']);
    expect([same.nmi, same.ari, same.mappedAccuracy]).toEqual([1, 1, 1]);
  });
  it('an independent partition has ARI 0 (2x2 balanced design)', () => {
    const r0 = clusteringMetrics(['A', 'A', 'B', 'B'], ['x', 'y', 'x', 'y']);
    // index = 0, a = b = 2, E = 4/6, max = 2: (0 - 2/3)/(2 - 2/3) = -0.5
    expect(r0.ari).toBeCloseTo(-0.5, 10);
    expect(r0.nmi).toBeCloseTo(0, 10);
  });
});

describe('screening metrics (worked example)', () => {
  const item = (gold: boolean, included: boolean, i: number) => ({ key: `k${i}`, title: `T${i}`, gold, included });
  // TP 4, FN 1, FP 2, TN 3
  const items = [
    ...[0, 1, 2, 3].map((i) => item(true, true, i)),
    item(true, false, 4),
    ...[5, 6].map((i) => item(false, true, i)),
    ...[7, 8, 9].map((i) => item(false, false, i)),
  ];
  const result = () => screeningMetrics(items);
  it('recall 4/5, precision 4/6, specificity 3/5, F1 = 2PR/(P+R)', () => {
    expect(result().recall).toBeCloseTo(0.8, 10);
    expect(result().precision).toBeCloseTo(4 / 6, 10);
    expect(result().specificity).toBeCloseTo(0.6, 10);
    expect(result().f1).toBeCloseTo((2 * 0.8 * (4 / 6)) / (0.8 + 4 / 6), 10);
  });
  it('lists every relevant paper the run excluded', () => expect(result().missed).toEqual([{ key: 'k4', title: 'T4' }]));
  it('undefined ratios are null, never NaN', () => {
    const none = screeningMetrics([item(false, false, 0)]);
    expect([none.recall, none.precision, none.specificity]).toEqual([null, null, 1]);
  });
});

describe('bootstrap', () => {
  const xs = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 0 : 1));
  const mean = (s: readonly number[]) => s.reduce((a, b) => a + b, 0) / s.length;
  it('is reproducible with a seed and brackets the estimate', () => {
    const a = bootstrapIntervals(xs, { mean }, 7);
    const b = bootstrapIntervals(xs, { mean }, 7);
    expect(a).toEqual(b);
    const [lo, hi] = a.mean!;
    expect(lo).toBeLessThan(0.75);
    expect(hi).toBeGreaterThan(0.75);
    // normal approximation: sd = sqrt(.75*.25/40) = .0685; the interval is about +-1.96 sd wide
    expect(hi - lo).toBeGreaterThan(0.2);
    expect(hi - lo).toBeLessThan(0.34);
  });
  it('percentile interpolates linearly', () => {
    expect(percentile([0, 10], 0.25)).toBe(2.5);
  });
});
