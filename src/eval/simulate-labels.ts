import type { Paper } from '../corpus/paper.js';
import type { RunPaper } from '../runs/run-record.js';
import { tfidf } from '../screening/features.js';
import { LITREV_RANKER, type RankerConfig } from '../screening/ranker.js';
import { simulateScreening, type ScreeningOrder } from '../screening/simulate.js';
import { simulationMetrics, type SimulationResult } from '../screening/simulation-metrics.js';
import type { GoldRow } from './gold-label.js';
import { matchGold } from './match-gold.js';

export interface SimulateLabelsOptions {
  seed: number;
  order: ScreeningOrder;
  /** The relevance model (default: litrev's ranker). */
  config?: RankerConfig;
  /** Read on until this holds too (see simulateScreening). */
  alsoUntil?: (labels: readonly boolean[]) => boolean;
}

export interface SimulatedLabels {
  result: SimulationResult;
  /** The relevant labels in the order they were read. */
  readLabels: boolean[];
  /** Gold rows that name no paper of the corpus. */
  unmatched: number;
  /** Corpus papers the gold file gives no relevant label: left out of the simulation. */
  unlabelled: number;
}

/** A corpus paper as gold matching needs it (key, id, doi, title). */
function asRunPaper(p: Paper): RunPaper {
  return { id: p.id, key: p.key, title: p.title, ...(p.doi ? { doi: p.doi } : {}), category: null, categoryId: null, contributionType: null, methodFamily: '', methodSummary: '', claims: [], status: 'ok' };
}

/**
 * `litrev label --simulate`: the gold file's relevant labels replayed in the order `litrev label` would
 * show the corpus's papers (those the file labels), from one relevant and one irrelevant paper chosen
 * by the seed. Papers are taken in id order first, so the corpus file's order does not matter.
 */
export function simulateLabels(papers: readonly Paper[], gold: readonly GoldRow[], o: SimulateLabelsOptions): SimulatedLabels {
  const matching = matchGold(gold.filter((g) => g.relevant !== undefined), papers.map(asRunPaper));
  const label = new Map(matching.matched.map((m) => [m.paper.id, m.gold.relevant!]));
  const chosen = papers.filter((p) => label.has(p.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const labels = chosen.map((p) => label.get(p.id)!);
  const config = o.config ?? LITREV_RANKER;
  const m = tfidf(chosen.map((p) => ({ title: p.titleDerived ? '' : p.title, abstract: p.abstract })), config.features);
  const order = simulateScreening(m, labels, { seed: o.seed, order: o.order, config, ...(o.alsoUntil ? { alsoUntil: o.alsoUntil } : {}) });
  return { result: simulationMetrics(order, labels, o.seed), readLabels: order.map((i) => labels[i]!), unmatched: matching.unmatched.length, unlabelled: papers.length - chosen.length };
}
