import type { RunRecord } from '../runs/run-record.js';
import { bootstrapIntervals, type Interval } from './bootstrap.js';
import { classificationMetrics, type ClassificationMetrics } from './classification-metrics.js';
import { ariOf, clusteringMetrics, nmiOf, type ClusteringMetrics } from './clustering-metrics.js';
import type { GoldRow } from './gold-label.js';
import { matchGold, type GoldMatch, type UnmatchedRow } from './match-gold.js';
import { screeningMetrics, type ScreeningItem, type ScreeningMetrics } from './screening-metrics.js';

/** Papers with a gold label that the run left without one (failed, or screened out before classification). */
interface Coverage {
  /** Gold rows for this field whose paper the run did not label. */
  unlabelled: number;
  /** 95% bootstrap intervals of the headline figures. */
  intervals: Record<string, Interval>;
}

export interface RunEvaluation {
  run: string;
  dir: string;
  model: string | null;
  promptDir: string | null;
  matched: number;
  unmatched: number;
  unmatchedRows: UnmatchedRow[];
  duplicates: string[];
  fields: {
    contributionType?: ClassificationMetrics & Coverage;
    category?: ClusteringMetrics & Coverage;
    relevant?: ScreeningMetrics & Coverage;
  };
}

export interface EvaluateOptions {
  seed: number;
  resamples?: number;
}

/** Every metric of one run against the gold rows (only the fields the gold labels). */
export function evaluateRun(run: RunRecord, rows: readonly GoldRow[], options: EvaluateOptions): RunEvaluation {
  const matching = matchGold(rows, run.papers);
  const fields: RunEvaluation['fields'] = {};
  const type = evaluateContributionType(matching.matched, options);
  if (type) fields.contributionType = type;
  const category = evaluateCategory(matching.matched, options);
  if (category) fields.category = category;
  const relevant = evaluateRelevant(matching.matched, options);
  if (relevant) fields.relevant = relevant;
  return {
    run: run.manifest.runId,
    dir: run.dir,
    model: run.manifest.model,
    promptDir: run.manifest.options.promptDir,
    matched: matching.matched.length,
    unmatched: matching.unmatched.length,
    unmatchedRows: matching.unmatched,
    duplicates: matching.duplicates,
    fields,
  };
}

type Pair = { gold: string; run: string };

function labelledPairs(matched: readonly GoldMatch[], field: 'contributionType' | 'category'): { pairs: Pair[]; unlabelled: number } | null {
  const withGold = matched.filter((m) => m.gold[field] !== undefined);
  if (withGold.length === 0) return null;
  const pairs = withGold.flatMap((m) => {
    const label = m.paper[field];
    return label ? [{ gold: m.gold[field]!, run: label }] : [];
  });
  return { pairs, unlabelled: withGold.length - pairs.length };
}

function evaluateContributionType(matched: readonly GoldMatch[], o: EvaluateOptions): (ClassificationMetrics & Coverage) | null {
  const got = labelledPairs(matched, 'contributionType');
  if (!got) return null;
  const metrics = (s: readonly Pair[]) => classificationMetrics(s.map((p) => p.gold), s.map((p) => p.run));
  const intervals = bootstrapIntervals(got.pairs, {
    accuracy: (s) => metrics(s).accuracy,
    kappa: (s) => metrics(s).kappa,
    macroF1: (s) => metrics(s).macroF1,
  }, o.seed, o.resamples);
  return { ...metrics(got.pairs), unlabelled: got.unlabelled, intervals };
}

function evaluateCategory(matched: readonly GoldMatch[], o: EvaluateOptions): (ClusteringMetrics & Coverage) | null {
  const got = labelledPairs(matched, 'category');
  if (!got) return null;
  const metrics = (s: readonly Pair[]) => clusteringMetrics(s.map((p) => p.gold), s.map((p) => p.run));
  const table = (s: readonly Pair[]) => {
    const rows = [...new Set(s.map((p) => p.run))];
    const cols = [...new Set(s.map((p) => p.gold))];
    const t = rows.map(() => cols.map(() => 0));
    for (const p of s) t[rows.indexOf(p.run)]![cols.indexOf(p.gold)]! += 1;
    return t;
  };
  const intervals = bootstrapIntervals(got.pairs, {
    nmi: (s) => (s.length ? nmiOf(table(s), s.length) : null),
    ari: (s) => (s.length ? ariOf(table(s), s.length) : null),
    mappedAccuracy: (s) => metrics(s).mappedAccuracy,
  }, o.seed, o.resamples);
  return { ...metrics(got.pairs), unlabelled: got.unlabelled, intervals };
}

function evaluateRelevant(matched: readonly GoldMatch[], o: EvaluateOptions): (ScreeningMetrics & Coverage) | null {
  const items: ScreeningItem[] = matched.flatMap((m) =>
    m.gold.relevant === undefined
      ? []
      : [{ key: m.paper.key, title: m.paper.title, gold: m.gold.relevant, included: m.paper.status !== 'excluded' }],
  );
  if (items.length === 0) return null;
  const intervals = bootstrapIntervals(items, {
    recall: (s) => screeningMetrics(s).recall,
    precision: (s) => screeningMetrics(s).precision,
    specificity: (s) => screeningMetrics(s).specificity,
    f1: (s) => screeningMetrics(s).f1,
  }, o.seed, o.resamples);
  return { ...screeningMetrics(items), unlabelled: 0, intervals };
}

/** Metrics `--by` can rank runs by, and the field each belongs to. */
export const RANK_METRICS = {
  recall: 'relevant',
  precision: 'relevant',
  specificity: 'relevant',
  f1: 'relevant',
  accuracy: 'contributionType',
  kappa: 'contributionType',
  macroF1: 'contributionType',
  nmi: 'category',
  ari: 'category',
  mappedAccuracy: 'category',
} as const;
export type RankMetric = keyof typeof RANK_METRICS;

/** The value of a ranking metric for one run (null when the gold or the run lacks it). */
export function metricValue(e: RunEvaluation, metric: RankMetric): number | null {
  const field = e.fields[RANK_METRICS[metric]] as Record<string, unknown> | undefined;
  const v = field?.[metric];
  return typeof v === 'number' ? v : null;
}

/** The default ranking metric: recall when the gold labels relevance, else kappa, else ARI. */
export function defaultRankMetric(rows: readonly GoldRow[]): RankMetric {
  if (rows.some((r) => r.relevant !== undefined)) return 'recall';
  if (rows.some((r) => r.contributionType !== undefined)) return 'kappa';
  return 'ari';
}

/** Runs best first by `metric` (runs without a value last; ties keep the order given). */
export function rankRuns(evals: readonly RunEvaluation[], metric: RankMetric): RunEvaluation[] {
  return evals
    .map((e, i) => ({ e, i, v: metricValue(e, metric) }))
    .sort((a, b) => (a.v === null ? (b.v === null ? a.i - b.i : 1) : b.v === null ? -1 : b.v - a.v || a.i - b.i))
    .map((x) => x.e);
}
