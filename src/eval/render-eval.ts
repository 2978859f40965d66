import type { Interval } from './bootstrap.js';
import type { ClassificationMetrics } from './classification-metrics.js';
import { metricValue, RANK_METRICS, type RankMetric, type RunEvaluation } from './evaluate-run.js';

/** What the report says about the gold file itself. */
export interface GoldSummary {
  path: string;
  rows: number;
  skipped: string[];
  seed: number;
  resamples: number;
}

const num = (v: number | null, digits = 3): string => (v === null ? 'n/a' : v.toFixed(digits));
const ci = (i: Interval | undefined): string => (i ? `[${i[0].toFixed(3)}, ${i[1].toFixed(3)}]` : '');
const withCi = (v: number | null, i: Interval | undefined): string => (v === null ? 'n/a' : `${num(v)} ${ci(i)}`.trim());
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

/** The name a run goes by in the tables: its id, with the model and prompt folder when known. */
export function runLabel(e: RunEvaluation): string {
  const extra = [e.model, e.promptDir].filter((x): x is string => !!x);
  return extra.length ? `${e.run} (${extra.join(', ')})` : e.run;
}

/**
 * The evaluation as Markdown: a ranking table of every run by `metric`, then per run and field the
 * figures with their 95% bootstrap intervals, the confusion matrix, the category mapping, every
 * relevant paper the run excluded, and every gold row that matched no paper.
 */
export function renderEvalReport(evals: readonly RunEvaluation[], metric: RankMetric, gold: GoldSummary): string {
  const out: string[] = ['# Evaluation against hand labels', ''];
  out.push(`Gold file: ${gold.path} (${gold.rows} usable rows${gold.skipped.length ? `, ${gold.skipped.length} left out` : ''}). `
    + `Intervals: 95% percentile bootstrap, ${gold.resamples} resamples, seed ${gold.seed}.`, '');
  out.push(`## Runs ranked by ${metric}`, '');
  const others = (['recall', 'precision', 'kappa', 'macroF1', 'nmi', 'ari'] as const).filter((m) => m !== metric);
  pushAll(out, table(
    ['rank', 'run', 'matched', 'unmatched', metric, ...others],
    evals.map((e, i) => [
      String(i + 1), runLabel(e), String(e.matched), String(e.unmatched), num(metricValue(e, metric)),
      ...others.map((m) => num(metricValue(e, m))),
    ]),
  ), '');
  for (const e of evals) pushAll(out, renderRun(e), '');
  if (gold.skipped.length) pushAll(out, '## Gold rows left out', '', gold.skipped.map((s) => `- ${s}`), '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function renderRun(e: RunEvaluation): string[] {
  const out = [`## ${runLabel(e)}`, '', `${e.matched} gold rows matched a paper of the run, ${e.unmatched} did not.`, ''];
  const { contributionType: t, category: c, relevant: r } = e.fields;
  if (r) {
    out.push('### Screening (relevant)', '');
    pushAll(out, table(['papers', 'recall', 'precision', 'specificity', 'F1', 'TP', 'FP', 'TN', 'FN'], [[
      String(r.n), withCi(r.recall, r.intervals.recall), withCi(r.precision, r.intervals.precision),
      withCi(r.specificity, r.intervals.specificity), withCi(r.f1, r.intervals.f1),
      String(r.truePositives), String(r.falsePositives), String(r.trueNegatives), String(r.falseNegatives),
    ]]), '');
    out.push(r.missed.length ? `Relevant papers the run excluded (${r.missed.length}):` : 'The run excluded no relevant paper.');
    pushAll(out, r.missed.map((m) => `- ${m.key}: ${m.title}`), '');
  }
  if (t) {
    out.push('### Contribution type', '');
    out.push(`${t.n} papers${t.unlabelled ? ` (${t.unlabelled} more have a gold label but no run label)` : ''}: `
      + `accuracy ${withCi(t.accuracy, t.intervals.accuracy)}, Cohen's kappa ${withCi(t.kappa, t.intervals.kappa)}, `
      + `macro-F1 ${withCi(t.macroF1, t.intervals.macroF1)}.`, '');
    pushAll(out, table(['class', 'precision', 'recall', 'F1', 'support'],
      Object.entries(t.perClass).map(([k, s]) => [k, num(s.precision), num(s.recall), num(s.f1), String(s.support)])), '');
    pushAll(out, confusion(t), '');
  }
  if (c) {
    out.push('### Category', '');
    out.push(`${c.n} papers${c.unlabelled ? ` (${c.unlabelled} more have a gold label but no run category)` : ''}: `
      + `NMI ${withCi(c.nmi, c.intervals.nmi)}, ARI ${withCi(c.ari, c.intervals.ari)}, `
      + `accuracy under the best one-to-one mapping ${withCi(c.mappedAccuracy, c.intervals.mappedAccuracy)}.`, '');
    pushAll(out, table(['run category', 'gold category'], Object.entries(c.mapping)), '');
  }
  if (e.unmatchedRows.length) {
    pushAll(out, '### Gold rows that matched no paper', '', e.unmatchedRows.map((u) => `- ${u.where}: ${u.ref}`), '');
  }
  if (e.duplicates.length) pushAll(out, '### Duplicate gold rows', '', e.duplicates.map((d) => `- ${d}`), '');
  return out;
}

function confusion(t: ClassificationMetrics): string[] {
  const classes = Object.keys(t.confusion);
  return [
    'Confusion (rows: gold, columns: run):',
    '',
    ...table(['gold \\ run', ...classes], classes.map((g) => [g, ...classes.map((p) => String(t.confusion[g]![p]))])),
  ];
}

/** The --json form: the contract's fields plus the intervals and the lists behind the counts. */
export function evalJson(evals: readonly RunEvaluation[], metric: RankMetric, gold: GoldSummary): unknown {
  return {
    gold: { path: gold.path, rows: gold.rows, skipped: gold.skipped },
    by: metric,
    field: RANK_METRICS[metric],
    seed: gold.seed,
    resamples: gold.resamples,
    runs: evals.map((e) => ({ ...e })),
  };
}

/** Append every item (a list may hold 100,000 lines: no spread into push, which overflows the stack). */
function pushAll(out: string[], ...lists: (string | readonly string[])[]): void {
  for (const l of lists) {
    if (typeof l === 'string') out.push(l);
    else for (const item of l) out.push(item);
  }
}
