/**
 * Q&A benchmark: `npm run bench:ask [-- --n 100000 --seed 7 --keep DIR]`.
 *
 * 1. Precision and recall of the list questions (scripts/questions/question-sets.ts) and the count errors, offline,
 *    over the example corpus, against gold sets computed from the abstracts by plain regular expressions.
 * 2. A stored corpus of N papers recombined from the example abstracts (test/support/recombined-corpus.ts), then
 *    `litrev ask --offline` as a user runs it, each a fresh process: the first ask (builds the indexes and stores
 *    them with the corpus), then list, count, extremes and lookup questions (a lookup over a corpus this large ranks
 *    candidates from the stored index, see src/qa/candidate-retriever.ts). Wall time and peak RSS of each, against a baseline measured in the same run: a process
 *    that only reads and parses the stored corpus.json (the floor every command over the stored corpus pays).
 * 3. Plan and answer latency in process over the N papers (indexes read from disk): planQuestion, then
 *    runPlan + the answer from the rows, for each list question.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ingestPaths } from '../src/corpus/ingest.js';
import { loadCorpus } from '../src/corpus/store.js';
import { answerQuestion } from '../src/qa/answer-question.js';
import { openStoredIndexes } from '../src/qa/index-store.js';
import { answerFromRows } from '../src/query/answer-from-rows.js';
import { createCorpusTable } from '../src/query/corpus-table.js';
import { planQuestion } from '../src/query/plan-question.js';
import { runPlan } from '../src/query/run-plan.js';
import { createRetriever } from '../src/retrieval/create-retriever.js';
import { writeRecombinedCorpus } from '../test/support/recombined-corpus.js';
import { COUNT_QUESTIONS, FRESH_LIST_QUESTIONS, goldKeys, LIST_QUESTIONS, overall, scoreSet, type SetQuestion } from './questions/question-sets.js';

const get = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N = Number(get('n') ?? 100_000);
const SEED = Number(get('seed') ?? 7);
const KEEP = get('keep');
const CLI = path.resolve('bin/litrev.js');

async function quality(): Promise<void> {
  const papers = (await ingestPaths([path.resolve('examples/corpus')])).papers;
  const table = createCorpusTable(papers);
  const retriever = createRetriever(papers);
  const listSet = async (name: string, questions: SetQuestion[]) => {
    const scores = [];
    for (const q of questions) {
      const r = await answerQuestion({ question: q.question, history: [], retriever, gateway: null, table });
      scores.push(scoreSet(q.question, goldKeys(papers, q.names), r.papers ?? []));
    }
    for (const s of scores) console.log(`  ${s.question.padEnd(58)} gold ${String(s.gold).padStart(3)}  answered ${String(s.answered).padStart(3)}  recall ${s.recall.toFixed(2)}  precision ${s.precision.toFixed(2)}`);
    const o = overall(scores);
    console.log(`${name} (${scores.length}, example corpus, ${papers.length} papers): recall ${o.recall.toFixed(3)}, precision ${o.precision.toFixed(3)} (goal >= 0.9 and >= 0.8)`);
  };
  await listSet('list questions', LIST_QUESTIONS);
  await listSet('fresh list questions', FRESH_LIST_QUESTIONS);
  let within = 0;
  for (const q of COUNT_QUESTIONS) {
    const r = await answerQuestion({ question: q.question, history: [], retriever, gateway: null, table });
    const gold = goldKeys(papers, q.names).size;
    const ok = Math.abs((r.count ?? 0) - gold) <= Math.ceil(gold * 0.1);
    if (ok) within++;
    console.log(`  ${q.question.padEnd(58)} gold ${String(gold).padStart(3)}  counted ${String(r.count).padStart(3)}  ${ok ? 'within 10%' : 'OFF'}`);
  }
  console.log(`count questions within 10%: ${within} of ${COUNT_QUESTIONS.length}`);
}

/** One CLI process: wall seconds and peak RSS (from /usr/bin/time when present). */
function run(args: string[], cwd: string): { seconds: number; rssMiB: number | null; out: string } {
  const time = '/usr/bin/time';
  const useTime = spawnSync(time, ['-f', '%M', 'true']).status === 0;
  const t0 = performance.now();
  const r = useTime
    ? spawnSync(time, ['-f', 'RSS_KB=%M', process.execPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const kb = /RSS_KB=(\d+)/.exec(r.stderr ?? '')?.[1];
  return { seconds, rssMiB: kb ? Number(kb) / 1024 : null, out: r.stdout };
}

async function scale(dir: string): Promise<void> {
  const examples = await ingestPaths([path.resolve('examples/corpus')]);
  const file = path.join(dir, 'corpus.jsonl');
  await writeRecombinedCorpus(file, examples.papers, N, SEED);
  run([CLI, 'ingest', file, '--json'], dir);
  const baseline = run(['-e', "JSON.parse(require('fs').readFileSync('.litrev/corpus.json','utf8')).papers.length"], dir);
  console.log(`\n${N.toLocaleString('en')} stored papers; baseline (read + parse corpus.json): ${baseline.seconds.toFixed(2)} s, ${baseline.rssMiB?.toFixed(0) ?? '?'} MiB`);
  const asks: [string, string][] = [
    ['first ask (builds and stores the indexes)', 'Which papers evaluate on LongBench?'],
    ['list', 'Which papers evaluate on LongBench?'],
    ['list', 'Which papers use the GSM8K benchmark?'],
    ['count', 'How many papers are about quantisation?'],
    ['extremes', 'Which paper reports the largest speedup?'],
    ['lookup', 'What does PyramidKV do?'],
    ['lookup', 'What does PyramidKV do?'],
    ['lookup', 'Which dataset does ZipCache use?'],
  ];
  for (const [what, q] of asks) {
    const r = run([CLI, 'ask', q, '--offline', '--json'], dir);
    const out = JSON.parse(r.out) as { kind: string; count: number | null };
    console.log(`  ${what.padEnd(50)} ${r.seconds.toFixed(2)} s (${(r.seconds / baseline.seconds).toFixed(2)}x baseline)  ${r.rssMiB?.toFixed(0) ?? '?'} MiB  kind ${out.kind}${out.count !== null ? `, count ${out.count}` : ''}  "${q}"`);
  }

  const corpus = (await loadCorpus(path.join(dir, '.litrev')))!;
  const stored = await openStoredIndexes(path.join(dir, '.litrev'), corpus, null);
  const table = createCorpusTable(corpus.papers, undefined, stored.postings);
  console.log(`in process over ${N.toLocaleString('en')} papers (indexes from disk: ${stored.fromDisk}):`);
  for (const q of LIST_QUESTIONS) {
    const t0 = performance.now();
    const plan = planQuestion(q.question, { categoryNames: [], hasPrevious: false });
    const t1 = performance.now();
    const result = runPlan(table, plan!);
    answerFromRows(result);
    const t2 = performance.now();
    const s = scoreSet(q.question, goldKeys(corpus.papers, q.names), result.rows.map((r) => r.key));
    console.log(`  plan ${(t1 - t0).toFixed(1).padStart(6)} ms  answer ${(t2 - t1).toFixed(0).padStart(5)} ms  ${String(result.count).padStart(6)} papers  recall ${s.recall.toFixed(3)}  precision ${s.precision.toFixed(3)}  "${q.question}"`);
  }
}

async function main(): Promise<void> {
  await quality();
  const dir = KEEP ? path.resolve(KEEP) : await mkdtemp(path.join(os.tmpdir(), 'litrev-bench-ask-'));
  try {
    await mkdir(dir, { recursive: true });
    await scale(dir);
  } finally {
    if (!KEEP) await rm(dir, { recursive: true, force: true });
  }
}

await main();
