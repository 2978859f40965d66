/**
 * Review benchmark: `npm run bench:review [-- --n 100000 --seed 7 --keep DIR]`.
 *
 * Builds a corpus of N papers recombined from the example abstracts (test/support/recombined-corpus.ts: real
 * sentences, no duplicates, seeded), then, in this process: ingests it, and runs the whole offline
 * review (classify, taxonomy, synthesize, verify, write). Prints papers/s, peak RSS, review.md's size
 * and the time of each stage, each also as a ratio to a baseline measured in the same run: reading
 * the corpus file and splitting it into lines and sentences (absolute times depend on the machine).
 * The review runs in a child process, so the peak RSS printed is the review's alone.
 * Goal (issue 12): 100,000 papers in under 5 minutes and under 2 GB.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load.js';
import { ingestPaths } from '../src/corpus/ingest.js';
import { corpusHash } from '../src/corpus/corpus-hash.js';
import { prepareRun } from '../src/pipeline/prepare-run.js';
import { runReview } from '../src/pipeline/run-review.js';
import { splitSentences } from '../src/verify/sentence-split.js';
import { writeRecombinedCorpus } from '../test/support/recombined-corpus.js';

interface Args {
  n: number;
  seed: number;
  keep: string | null;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const n = Number(get('n') ?? 10_000);
  if (!Number.isInteger(n) || n < 1) throw new Error('--n must be a positive integer');
  return { n, seed: Number(get('seed') ?? 7), keep: get('keep') ?? null };
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;
const cpuSince = (start: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(start);
  return (c.user + c.system) / 1000;
};

/** Read the corpus file and split it into lines and sentences; in its own function so the text can be collected after. */
async function measureBaseline(file: string): Promise<{ baselineMs: number; sentences: number }> {
  const b0 = performance.now();
  const text = await readFile(file, 'utf8');
  let sentences = 0;
  for (const line of text.split('\n')) if (line) sentences += splitSentences(line).length;
  return { baselineMs: performance.now() - b0, sentences };
}

/** Build the corpus and measure the baseline here, then review it in a child process of its own. */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = args.keep ? path.resolve(args.keep) : await mkdtemp(path.join(os.tmpdir(), 'litrev-bench-review-'));
  try {
    await mkdir(dir, { recursive: true });
    const examples = await ingestPaths([path.resolve('examples/corpus')]);
    const file = path.join(dir, 'corpus.jsonl');
    const written = await writeRecombinedCorpus(file, examples.papers, args.n, args.seed);
    console.log(`corpus: ${written.toLocaleString('en')} papers recombined from ${examples.papers.length} example abstracts, ${((await stat(file)).size / 1e6).toFixed(1)} MB (seed ${args.seed})`);

    const { baselineMs, sentences } = await measureBaseline(file);
    console.log(`baseline (read + split into lines and sentences, ${sentences.toLocaleString('en')} sentences): ${baselineMs.toFixed(0)} ms`);
    // The review runs in a fresh process, so its peak memory is the review's, not that of building the corpus.
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--review', file, '--baseline-ms', String(baselineMs), '--n', String(args.n)], { stdio: 'inherit' });
    const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
    if (code !== 0) process.exitCode = code;
  } finally {
    if (!args.keep) await rm(dir, { recursive: true, force: true });
  }
}

/** The measured part: ingest the corpus file and run the whole offline review, stage by stage. */
async function review(file: string, baselineMs: number, n: number): Promise<void> {
  const dir = path.dirname(file);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const report = await ingestPaths([file]);
  const ingestMs = performance.now() - t0;
  const papers = report.papers;
  const stages: [string, number, number][] = [['ingest', ingestMs, cpuSince(cpu0)]];
  let stageCpu = process.cpuUsage();

  const config = loadConfig({ cwd: dir, flags: { offline: true, out: path.join(dir, 'out') }, env: {} });
  console.log(`review in a process of its own, ${config.workers} worker thread${config.workers === 1 ? '' : 's'} for classify (LITREV_WORKERS)`);
  const controller = new AbortController();
  const prepared = await prepareRun(config, { promptDir: null, model: config.models[0]! }, { signal: controller.signal, outDir: path.join(dir, 'out') });
  const r0 = performance.now();
  let lastLine = r0;
  for await (const event of runReview({
    config,
    corpus: { papers, hash: corpusHash(papers) },
    inputs: [file],
    ...prepared,
    signal: controller.signal,
  })) {
    if (event.type === 'stage-started') {
      stageCpu = process.cpuUsage();
    } else if (event.type === 'stage-finished') {
      stages.push([event.stage, event.durationMs, cpuSince(stageCpu)]);
      console.log(`  ${event.stage} done in ${(event.durationMs / 1000).toFixed(1)} s (peak RSS so far ${mib(peakRss())})`);
    } else if (event.type === 'stage-progress' && performance.now() - lastLine > 5000) {
      lastLine = performance.now();
      console.log(`  ${event.stage}: ${event.done}/${event.total}`);
    } else if (event.type === 'warning') {
      console.log(`  warning: ${event.message}`);
    }
  }
  const reviewMs = performance.now() - r0;
  const cpu = process.cpuUsage(cpu0);
  const totalMs = ingestMs + reviewMs;
  const md = await readFile(path.join(dir, 'out', 'review.md'), 'utf8');
  const words = md.split(/\s+/).filter(Boolean).length;

  console.log(`\n${papers.length.toLocaleString('en')} papers: ingest + review ${(totalMs / 1000).toFixed(1)} s = ${Math.round(papers.length / (totalMs / 1000)).toLocaleString('en')} papers/s; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (all threads); peak RSS ${mib(peakRss())}`);
  console.log('stage        wall s   x baseline   CPU s');
  for (const [name, ms, cpuMs] of stages) {
    console.log(`${name.padEnd(12)} ${(ms / 1000).toFixed(2).padStart(7)}   ${(ms / baselineMs).toFixed(1).padStart(10)}   ${(cpuMs / 1000).toFixed(2).padStart(6)}`);
  }
  console.log(`review.md: ${words.toLocaleString('en')} words, ${(Buffer.byteLength(md) / 1e6).toFixed(2)} MB`);
  const pass = totalMs < 300_000 && peakRss() < 2 * 2 ** 30;
  console.log(`goal (100,000 papers < 5 min, < 2 GB): ${n >= 100_000 ? (pass ? 'met' : 'NOT met') : `${pass ? 'within the limits' : 'NOT within the limits'} at this size`}`);
  if (!pass) process.exitCode = 1;
}

const reviewFile = process.argv.indexOf('--review');
if (reviewFile >= 0) {
  const get = (name: string): string => process.argv[process.argv.indexOf(name) + 1]!;
  await review(process.argv[reviewFile + 1]!, Number(get('--baseline-ms')), Number(get('--n')));
} else {
  await main();
}
