/**
 * Screening benchmark on public labelled corpora (fetched by `npm run fetch:screening-data`):
 *
 *   npm run bench:screening               # every corpus in data/screening, seeds 1-3
 *   npm run bench:screening -- 5          # seeds 1-5
 *   npm run bench:screening -- 3 Nagtegaal_2019,Cohen_2006_ADHD
 *
 * For each corpus: offline --topic and --criteria screening (the same functions the review's screen
 * stage runs): recall of the relevant papers kept and the share of papers set aside; the offline topic
 * ranking's recall in its top 10%. Then `label --simulate` (the same function) with litrev's ranker
 * and, in the same run, an ASReview-style baseline (TF-IDF of words, linear SVM with hinge loss and
 * C = 15.4, maximum-score query, retrained on the same schedule, the same priors per seed): WSS@95,
 * recall after reading 10%, and where litrev's stopping rule would stop (recall, share read).
 * Finally the time to retrain and rescore at 10,000 papers.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ingestPaths } from '../src/corpus/ingest.js';
import type { Paper } from '../src/corpus/paper.js';
import { readGoldFile } from '../src/eval/read-gold-file.js';
import { simulateLabels } from '../src/eval/simulate-labels.js';
import { screenCriteriaOffline } from '../src/offline/screen-criteria.js';
import { screenOffline } from '../src/offline/screen.js';
import { parseCriteriaText } from '../src/review/parse-criteria-file.js';
import { tfidf } from '../src/screening/features.js';
import { ASREVIEW_SVM, LITREV_RANKER, scoreAll, trainRanker } from '../src/screening/ranker.js';
import { stoppingState } from '../src/screening/stopping-rule.js';
import { DATA_DIR, DATASETS, type ScreeningDataset } from './screening/datasets.js';

const SEEDS = Number(process.argv[2] ?? 3);
const ONLY = process.argv[3]?.split(',');

function criteriaYaml(d: ScreeningDataset): string {
  const list = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
  const exclusion = d.name === 'Kitchenham_2010' ? ['editorial', 'letter', 'erratum'] : ['editorial', 'letter', 'erratum', 'protocol', 'review'];
  return `inclusion:\n  - id: I1\n    text: The study is about ${d.topic}.\n    terms: ${list(d.subject)}\n` +
    `exclusion:\n  - id: E1\n    text: The paper is an editorial, letter, erratum${d.name === 'Kitchenham_2010' ? '' : ', protocol or review'} rather than a primary study.\n    terms: ${list(exclusion)}\n`;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);

interface Row {
  name: string;
  papers: number;
  relevant: number;
  topicRecall: number;
  topicAside: number;
  topicTop10: number;
  criteriaRecall: number;
  criteriaAside: number;
  litrev: number;
  baseline: number;
  litrevR10: number;
  baselineR10: number;
  stopRecall: number;
  stopRead: number;
}

async function measure(d: ScreeningDataset): Promise<Row | null> {
  const file = path.join(DATA_DIR, `${d.name}.csv`);
  if (!existsSync(file)) return null;
  const { papers } = await ingestPaths([file]);
  const gold = await readGoldFile(file);
  const byKey = new Map(gold.rows.map((r) => [r.ref.key, r.relevant === true]));
  const relevant = (p: Paper) => byKey.get(p.key) === true;
  const total = papers.filter(relevant).length;
  const kept = (aside: (p: Paper) => boolean) => ({
    recall: papers.filter((p) => relevant(p) && !aside(p)).length / total,
    aside: papers.filter(aside).length / papers.length,
  });
  const topic = screenOffline(papers, d.topic);
  const t = kept((p) => !topic.get(p.id)!.relevant);
  const top = Math.round(0.1 * papers.length);
  const topicTop10 = papers.filter((p) => relevant(p) && topic.get(p.id)!.rank <= top).length / total;
  const screenings = screenCriteriaOffline(papers, parseCriteriaText(criteriaYaml(d), `${d.name}.yaml`));
  const c = kept((p) => screenings.get(p.id)!.decision === 'exclude');
  const runs = { litrev: [] as number[], baseline: [] as number[], litrevR10: [] as number[], baselineR10: [] as number[], stopRecall: [] as number[], stopRead: [] as number[] };
  for (let seed = 1; seed <= SEEDS; seed++) {
    const stop = (labels: readonly boolean[]) => stoppingState(labels, papers.length).suggestStop;
    const mine = simulateLabels(papers, gold.rows, { seed, order: 'ranked', config: LITREV_RANKER, alsoUntil: stop });
    const base = simulateLabels(papers, gold.rows, { seed, order: 'ranked', config: ASREVIEW_SVM });
    runs.litrev.push(mine.result.wss95);
    runs.baseline.push(base.result.wss95);
    runs.litrevR10.push(mine.result.recallAt['10']);
    runs.baselineR10.push(base.result.recallAt['10']);
    let at = mine.readLabels.length;
    for (let k = 1; k <= mine.readLabels.length; k++) if (stop(mine.readLabels.slice(0, k))) { at = k; break; }
    runs.stopRecall.push(mine.readLabels.slice(0, at).filter(Boolean).length / mine.result.relevant);
    runs.stopRead.push(at / mine.result.papers);
  }
  return {
    name: d.name + (d.development ? ' (dev)' : ''),
    papers: papers.length,
    relevant: total,
    topicRecall: t.recall,
    topicAside: t.aside,
    topicTop10,
    criteriaRecall: c.recall,
    criteriaAside: c.aside,
    litrev: mean(runs.litrev),
    baseline: mean(runs.baseline),
    litrevR10: mean(runs.litrevR10),
    baselineR10: mean(runs.baselineR10),
    stopRecall: mean(runs.stopRecall),
    stopRead: mean(runs.stopRead),
  };
}

async function retrainTime(): Promise<string> {
  const all: Paper[] = [];
  for (const d of DATASETS) {
    const file = path.join(DATA_DIR, `${d.name}.csv`);
    if (existsSync(file) && all.length < 10_000) all.push(...(await ingestPaths([file])).papers);
  }
  const papers = all.slice(0, 10_000);
  const m = tfidf(papers.map((p) => ({ title: p.title, abstract: p.abstract })), LITREV_RANKER.features);
  const labelled = new Map<number, boolean>();
  for (let i = 0; i < 500; i++) labelled.set(i * 20, i % 10 === 0);
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    scoreAll(m, trainRanker(m, labelled, LITREV_RANKER, k));
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return `retrain on 500 labels and rescore ${papers.length} papers: median ${Math.round(times[2]!)} ms (5 runs)`;
}

const line = (r: Row) =>
  `| ${r.name} | ${r.papers} | ${r.relevant} | ${f2(r.topicRecall)} | ${f2(r.topicAside)} | ${f2(r.topicTop10)} | ${f2(r.criteriaRecall)} | ${f2(r.criteriaAside)} | ${f3(r.litrev)} | ${f3(r.baseline)} | ${f2(r.litrev / r.baseline)} | ${f2(r.litrevR10)} | ${f2(r.baselineR10)} | ${f2(r.stopRecall)} | ${f2(r.stopRead)} |`;
console.log(`Seeds 1-${SEEDS} (mean). Offline: recall = relevant papers kept; aside = share of all papers set aside.`);
console.log('| corpus | papers | relevant | topic recall | topic aside | topic top-10% recall | criteria recall | criteria aside | WSS@95 litrev | WSS@95 TF-IDF+SVM | ratio | recall@10% litrev | recall@10% SVM | stop rule: recall | stop rule: read |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const rows: Row[] = [];
for (const d of DATASETS.filter((x) => !ONLY || ONLY.includes(x.name))) {
  const t0 = performance.now();
  const row = await measure(d);
  if (!row) {
    console.error(`${d.name}: not in ${DATA_DIR} (run npm run fetch:screening-data)`);
    continue;
  }
  rows.push(row);
  console.log(line(row));
  console.error(`${d.name}: ${Math.round(performance.now() - t0)} ms`);
}
if (rows.length === 0) {
  console.error(`no corpus in ${DATA_DIR}: run npm run fetch:screening-data first`);
  process.exit(3);
}
const m = (f: (r: Row) => number) => mean(rows.map(f));
console.log(`| mean of ${rows.length} | | | ${f2(m((r) => r.topicRecall))} | ${f2(m((r) => r.topicAside))} | ${f2(m((r) => r.topicTop10))} | ${f2(m((r) => r.criteriaRecall))} | ${f2(m((r) => r.criteriaAside))} | ${f3(m((r) => r.litrev))} | ${f3(m((r) => r.baseline))} | ${f2(m((r) => r.litrev) / m((r) => r.baseline))} | ${f2(m((r) => r.litrevR10))} | ${f2(m((r) => r.baselineR10))} | ${f2(m((r) => r.stopRecall))} | ${f2(m((r) => r.stopRead))} |`);
console.log(await retrainTime());
