import { describe, expect, it } from 'vitest';
import { tfidf } from '../../src/screening/features.js';
import { Prioritiser } from '../../src/screening/prioritiser.js';
import { ASREVIEW_SVM, LITREV_RANKER, rankUnlabelled, scoreAll, trainRanker } from '../../src/screening/ranker.js';
import { choosePriors, simulateScreening } from '../../src/screening/simulate.js';
import { simulationMetrics } from '../../src/screening/simulation-metrics.js';
import { stoppingState } from '../../src/screening/stopping-rule.js';

const doc = (title: string, abstract = '') => ({ title, abstract });

/** 40 papers: every fourth on KV cache compression (relevant), the rest on protein folding. */
function corpus() {
  const docs = Array.from({ length: 40 }, (_, i) =>
    i % 4 === 0
      ? doc(`KV cache compression ${i}`, `We compress the key value cache of transformer inference, variant ${i}.`)
      : doc(`Protein folding ${i}`, `We study protein structure and folding energy, variant ${i}.`),
  );
  return { docs, gold: docs.map((_, i) => i % 4 === 0) };
}

describe('TF-IDF features', () => {
  it('computes smooth idf and L2-normalised rows as scikit-learn does', () => {
    const m = tfidf([doc('apple banana'), doc('apple cherry')], { ngrams: 1, sublinearTf: false, stopWords: true, minDf: 1 });
    expect(m.dim).toBe(3);
    // idf(apple) = ln(3/3) + 1 = 1; idf(banana) = ln(3/2) + 1.
    const b = Math.log(3 / 2) + 1;
    const norm = Math.sqrt(1 + b * b);
    expect([...m.rows[0]!.val].map((v) => +v.toFixed(5))).toEqual([+(1 / norm).toFixed(5), +(b / norm).toFixed(5)]);
  });

  it('leaves out function words and keeps word pairs seen in enough papers', () => {
    const m = tfidf([doc('the kv cache'), doc('a kv cache'), doc('cache misses')], { ngrams: 2, sublinearTf: true, stopWords: true, minDf: 2 });
    expect(m.dim).toBe(3); // kv, cache, "kv cache"
  });
});

describe('relevance model', () => {
  it('ranks the papers like the labelled relevant ones first, for both configurations', () => {
    const { docs, gold } = corpus();
    for (const config of [LITREV_RANKER, ASREVIEW_SVM]) {
      const m = tfidf(docs, config.features);
      const labelled = new Map([[0, true], [1, false]]);
      const ranked = rankUnlabelled(scoreAll(m, trainRanker(m, labelled, config, 1)), labelled);
      expect(ranked.slice(0, 9).every((i) => gold[i]), config.name).toBe(true);
    }
  });

  it('is deterministic given the seed', () => {
    const { docs, gold } = corpus();
    const m = tfidf(docs, LITREV_RANKER.features);
    const run = () => simulateScreening(m, gold, { seed: 5, order: 'ranked', config: LITREV_RANKER, untilRead: 1 });
    expect(run()).toEqual(run());
    expect(choosePriors(gold, 5)).toEqual(choosePriors(gold, 5));
  });

  it('the prioritiser keeps the given order until it has both kinds of label, then ranks', () => {
    const { docs, gold } = corpus();
    const p = new Prioritiser(docs.map((d, i) => ({ id: `p${i}`, ...d, extra: [] })), 1);
    const ids = docs.map((_, i) => `p${i}`).slice(2);
    expect(p.rank(ids, new Map([['p0', true]]))).toEqual(ids);
    const ranked = p.rank(ids, new Map([['p0', true], ['p1', false]]));
    expect(p.trained).toBe(true);
    expect(ranked.slice(0, 9).every((id) => gold[Number(id.slice(1))])).toBe(true);
    expect([...ranked].sort()).toEqual([...ids].sort());
  });
});

describe('simulation metrics', () => {
  it('WSS@95, papers read for 95% recall and recall at 10/20/30% read', () => {
    // 20 papers, 4 relevant; read order finds them at positions 1, 2, 5 and 10.
    const gold = Array.from({ length: 20 }, (_, i) => [0, 1, 4, 9].includes(i));
    const order = Array.from({ length: 20 }, (_, i) => i);
    expect(simulationMetrics(order, gold, 3)).toEqual({
      papers: 20, relevant: 4, seed: 3, wss95: 0.45, screenedFor95: 10, recallAt: { '10': 0.5, '20': 0.5, '30': 0.75 },
    });
  });

  it('ranked order beats random order on an easy corpus', () => {
    const { docs, gold } = corpus();
    const m = tfidf(docs, LITREV_RANKER.features);
    const ranked = simulationMetrics(simulateScreening(m, gold, { seed: 2, order: 'ranked', config: LITREV_RANKER }), gold, 2);
    const random = simulationMetrics(simulateScreening(m, gold, { seed: 2, order: 'random', config: LITREV_RANKER }), gold, 2);
    expect(ranked.screenedFor95).toBeLessThanOrEqual(11);
    expect(ranked.wss95).toBeGreaterThan(random.wss95);
  });
});

describe('stopping rule', () => {
  it('suggests stopping after N papers in a row without a relevant one (N = 5% of the corpus, at least 50)', () => {
    expect(stoppingState([true, ...Array(49).fill(false)], 1000)).toMatchObject({ window: 50, sinceRelevant: 49, suggestStop: false });
    const s = stoppingState([true, ...Array(50).fill(false)], 1000);
    expect(s).toMatchObject({ window: 50, suggestStop: true, relevantFound: 1, unread: 949 });
    expect(s.rule).toBe('stop after 50 papers in a row without a relevant one');
    expect(stoppingState(Array(60).fill(false), 1000).suggestStop).toBe(false); // nothing relevant found yet
    expect(stoppingState([], 4000).window).toBe(200);
  });

  it('estimates the relevant papers left from the rate among the last N labelled', () => {
    // 1 relevant in the last 50: (1 + 1) / 52 of 900 unread.
    const decisions = [...Array(50).fill(false), true, ...Array(49).fill(false)];
    expect(stoppingState(decisions, 1000).estimateLeft).toBe(Math.round((2 / 52) * 900));
  });
});
