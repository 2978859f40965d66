/**
 * Q&A benchmark: `npm run bench:ask [-- --n 100000 --seed 7 --keep DIR --review]` (`--n 0`: the question sets only).
 *
 * 1. Precision and recall of the list questions (scripts/questions/question-sets.ts) and the count errors, offline,
 *    over the example corpus, against gold sets computed from the abstracts by plain regular expressions.
 * 2. A stored corpus of N papers recombined from the example abstracts (test/support/recombined-corpus.ts), stored by
 *    `litrev ingest` (which builds the question store, src/qa/question-store.ts), then `litrev ask --offline` as a
 *    user runs it, each a fresh process: the first ask after the ingest (the store on disk), the first ask with no
 *    store on disk (the question store removed: the ask builds it, src/qa/stored-table.ts), with --review the first
 *    ask after a `litrev review --offline` that built the store again (stage index), then list, count, extremes and
 *    lookup questions, in the terminal and with --json (every row quoted). Wall time and peak RSS of each, against a
 *    baseline measured in the same run: a process that only reads and parses the stored corpus.json (what answering
 *    from the corpus held in memory pays before anything).
 * 3. Plan and answer latency in process over the N papers: answerQuestion from the store on disk, against the same
 *    table over the papers held in memory; then recall and precision of each list question at N papers.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ingestPaths } from '../src/corpus/ingest.js';
import { loadCorpus, readCorpusHead } from '../src/corpus/store.js';
import { answerQuestion } from '../src/qa/answer-question.js';
import { createCandidateRetriever } from '../src/qa/candidate-retriever.js';
import { openStoredTable } from '../src/qa/stored-table.js';
import { createCorpusTable, type CorpusTable } from '../src/query/corpus-table.js';
import { planQuestion } from '../src/query/plan-question.js';
import { runPlan } from '../src/query/run-plan.js';
import { createRetriever } from '../src/retrieval/create-retriever.js';
import { writeRecombinedCorpus } from '../test/support/recombined-corpus.js';
import { COUNT_QUESTIONS, FRESH_LIST_QUESTIONS, goldKeys, LIST_QUESTIONS, lookupQuestions, overall, scoreSet, type SetQuestion } from './questions/question-sets.js';

const get = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N = Number(get('n') ?? 100_000);
const SEED = Number(get('seed') ?? 7);
const KEEP = get('keep');
const REVIEW = process.argv.includes('--review');
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
  const lookups = lookupQuestions(papers);
  let first = 0;
  let cited = 0;
  for (const q of lookups) {
    const r = await answerQuestion({ question: q.question, history: [], retriever, gateway: null, table });
    const keys = r.citations.map((c) => c.key);
    if (keys[0] === q.key) first++;
    else if (process.argv.includes('--verbose')) console.log(`  ${q.question} first cites ${keys[0]} not ${q.key}`);
    if (keys.includes(q.key)) cited++;
    else console.log(`  ${q.question.padEnd(58)} did not cite ${q.key}`);
  }
  console.log(`lookup questions about a paper named in its title (${lookups.length}, generated): ${first} cite it first, ${cited} cite it`);
}

/** One CLI process: wall seconds, CPU seconds (user + system) and peak RSS (from /usr/bin/time when present). */
function run(args: string[], cwd: string): { seconds: number; cpu: number | null; rssMiB: number | null; out: string; stderr: string } {
  const time = '/usr/bin/time';
  const useTime = spawnSync(time, ['-f', '%M', 'true']).status === 0;
  const t0 = performance.now();
  const r = useTime
    ? spawnSync(time, ['-f', 'RSS_KB=%M CPU=%U+%S', process.execPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const kb = /RSS_KB=(\d+)/.exec(r.stderr ?? '')?.[1];
  const cpu = /CPU=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  return { seconds, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : null, rssMiB: kb ? Number(kb) / 1024 : null, out: r.stdout, stderr: r.stderr ?? '' };
}

async function scale(dir: string): Promise<void> {
  const examples = await ingestPaths([path.resolve('examples/corpus')]);
  const file = path.join(dir, 'corpus.jsonl');
  await writeRecombinedCorpus(file, examples.papers, N, SEED);
  const cpuOf = (r: { cpu: number | null }) => (r.cpu !== null ? `cpu ${r.cpu.toFixed(2)} s` : 'cpu ?');
  const ingest = run([CLI, 'ingest', file, '--json'], dir);
  console.log(`\nlitrev ingest of ${N.toLocaleString('en')} papers (stores the corpus and builds the question store): ${ingest.seconds.toFixed(2)} s, ${cpuOf(ingest)}, ${ingest.rssMiB?.toFixed(0) ?? '?'} MiB`);
  const workspace = path.join(dir, '.litrev');
  const baseline = run(['-e', "JSON.parse(require('fs').readFileSync('.litrev/corpus.json','utf8')).papers.length"], dir);
  console.log(`${N.toLocaleString('en')} stored papers; baseline (read + parse corpus.json, what answering from the corpus in memory pays first): ${baseline.seconds.toFixed(2)} s, ${cpuOf(baseline)}, ${baseline.rssMiB?.toFixed(0) ?? '?'} MiB`);
  const noStore = () => rm(path.join(workspace, 'qa-index'), { recursive: true, force: true });
  const reviewRun = (what: string, out: string) => {
    const r = run([CLI, 'review', '--offline', '--plain', '--out', path.join(dir, out)], dir);
    const stage = /\[index\] finished: .* in ([^\n]+)/.exec(r.stderr)?.[1] ?? '?';
    console.log(`  litrev review --offline (${what}): ${r.seconds.toFixed(2)} s, ${cpuOf(r)}, ${r.rssMiB?.toFixed(0) ?? '?'} MiB; stage index ${stage}`);
  };
  // The review's own cost with the store on disk (stage index only checks it), then with the store removed (it builds it).
  const review = async () => {
    reviewRun('store on disk: stage index finds it', 'review-1');
    await noStore();
    reviewRun('store removed first: stage index builds it', 'review-2');
  };
  const asks: [string, string, string[], (() => Promise<void>)?][] = [
    ['first ask after ingest (store built by ingest)', 'Which papers evaluate on LongBench?', ['--json']],
    ['first ask, no store on disk (builds and stores it)', 'Which papers evaluate on LongBench?', ['--json'], noStore],
    ...(REVIEW ? [['first ask after review (store built by review)', 'Which papers evaluate on LongBench?', ['--json'], review] as [string, string, string[], () => Promise<void>]] : []),
    ['list', 'Which papers evaluate on LongBench?', []],
    ['list --json (every row quoted)', 'Which papers evaluate on LongBench?', ['--json']],
    ['list --json', 'Which papers use the GSM8K benchmark?', ['--json']],
    ['count', 'How many papers are about quantisation?', []],
    ['count --json (every row quoted)', 'How many papers are about quantisation?', ['--json']],
    ['extremes --json', 'Which paper reports the largest speedup?', ['--json']],
    ['lookup --json', 'What does PyramidKV do?', ['--json']],
    ['lookup --json', 'Which dataset does ZipCache use?', ['--json']],
  ];
  for (const [what, q, flags, before] of asks) {
    await before?.();
    const r = run([CLI, 'ask', q, '--offline', ...flags], dir);
    const out = flags.includes('--json') ? (JSON.parse(r.out) as { kind: string; count: number | null }) : null;
    const rss = `${r.rssMiB?.toFixed(0) ?? '?'} MiB (${r.rssMiB && baseline.rssMiB ? (r.rssMiB / baseline.rssMiB).toFixed(2) : '?'}x)`;
    const cpuRatio = r.cpu !== null && baseline.cpu ? ` (${(r.cpu / baseline.cpu).toFixed(2)}x)` : '';
    console.log(`  ${what.padEnd(50)} ${r.seconds.toFixed(2)} s (${(r.seconds / baseline.seconds).toFixed(2)}x baseline)  ${cpuOf(r)}${cpuRatio}  ${rss}${out ? `  kind ${out.kind}${out.count !== null ? `, count ${out.count}` : ''}` : ''}  "${q}"`);
  }

  // In process: plan and answer (offline, as the terminal shows it) from the store, against the same table over the corpus held in memory.
  const head = (await readCorpusHead(workspace))!;
  const corpus = (await loadCorpus(workspace))!;
  const stored = await openStoredTable(workspace, { hash: head.hash, size: head.count, papers: () => corpus.papers }, null);
  const memory = createCorpusTable(corpus.papers, { postings: stored.table.postings });
  const latency = async (table: CorpusTable, question: string) => {
    const retriever = createCandidateRetriever(table);
    const t0 = performance.now();
    const r = await answerQuestion({ question, history: [], retriever, gateway: null, table });
    return { ms: performance.now() - t0, kind: r.kind ?? 'lookup', count: r.count };
  };
  console.log(`plan + answer in process over ${N.toLocaleString('en')} papers (store from disk: ${stored.fromDisk}; baseline: the same table over the papers held in memory):`);
  for (const q of ['Which papers evaluate on LongBench?', 'How many papers are about quantisation?', 'Which paper reports the largest speedup?', 'What does PyramidKV do?', 'Which dataset does ZipCache use?']) {
    const inMemory = await latency(memory, q);
    const fromStore = await latency(stored.table, q);
    console.log(`  ${fromStore.kind.padEnd(9)} store ${fromStore.ms.toFixed(0).padStart(6)} ms  in memory ${inMemory.ms.toFixed(0).padStart(6)} ms  (${(fromStore.ms / inMemory.ms).toFixed(2)}x)  "${q}"`);
  }
  for (const q of LIST_QUESTIONS) {
    const result = runPlan(stored.table, planQuestion(q.question, { categoryNames: [], hasPrevious: false })!);
    const s = scoreSet(q.question, goldKeys(corpus.papers, q.names), result.rows.map((r) => r.key));
    console.log(`  ${String(result.count).padStart(6)} papers  recall ${s.recall.toFixed(3)}  precision ${s.precision.toFixed(3)}  "${q.question}"`);
  }
  stored.close();
}

async function main(): Promise<void> {
  await quality();
  if (N === 0) return;
  const dir = KEEP ? path.resolve(KEEP) : await mkdtemp(path.join(os.tmpdir(), 'litrev-bench-ask-'));
  try {
    await mkdir(dir, { recursive: true });
    await scale(dir);
  } finally {
    if (!KEEP) await rm(dir, { recursive: true, force: true });
  }
}

await main();
