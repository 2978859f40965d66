/**
 * `npm run bench:slots [-- --runs 3 --latency 300 --concurrency 8 --bin path/to/litrev.js --after-doctor]`: how busy
 * does a review keep its request slots? The real CLI (`node bin/litrev.js review examples/corpus`,
 * needs `npm run build`) runs against the project's test server (fake reviewer, 300 ms latency) with
 * a fresh cache, and the server records when each chat request arrived and was answered. Printed per
 * run: wall time (spawn to exit), requests, time to the first request, slot utilisation =
 * Σ request durations / (slots × wall), the same over the in-process span (first request to last
 * answer), the ideal wall time for the requests observed (per stage, ⌈n / slots⌉ × latency, stages in
 * series) and the measured wall as a ratio of it, the bound the requests' own chain sets (rounds of
 * requests each sent after the one before it was answered), and per stage its span and the time fewer than
 * `slots` requests were in flight. `--trace` lists every request's start and end; `--tty` runs it on a
 * pseudo-terminal (util-linux `script`), with the live dashboard instead of `--plain` lines. `--after-doctor` runs
 * `litrev doctor` with the same cache folder first (not timed), as a researcher checking the endpoint would.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeChat } from '../test/support/chat-request.js';
import { fakeReviewer, stageOf } from '../test/support/fake-reviewer.js';
import { startOpenAIServer, type RecordedRequest } from '../test/support/openai-server.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const get = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(get('runs') ?? 3);
const LATENCY = Number(get('latency') ?? 300);
const SLOTS = Number(get('concurrency') ?? 8);
const BIN = path.resolve(get('bin') ?? path.join(ROOT, 'bin/litrev.js'));
const CORPUS = path.join(ROOT, 'examples/corpus');
const TTY = process.argv.includes('--tty');
/** Run `litrev doctor` against the endpoint first (untimed), as the README suggests: the run knows the accepted request shape. */
const AFTER_DOCTOR = process.argv.includes('--after-doctor');

interface Span {
  stage: string;
  start: number;
  end: number;
}

interface RunFigures {
  wallMs: number;
  spans: Span[];
  firstRequestMs: number;
  firstHttpMs: number;
  exitCode: number | null;
}

async function runOnce(): Promise<RunFigures> {
  const server = await startOpenAIServer({ latencyMs: LATENCY, handler: fakeReviewer() });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'litrev-bench-slots-'));
  try {
    const args = [BIN, 'review', CORPUS, '--model', 'test-model', '--concurrency', String(SLOTS), '--cache-dir', path.join(dir, 'cache'), '--out', path.join(dir, 'out'), ...(TTY ? [] : ['--plain'])];
    const env = { ...process.env, OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-bench', LITREV_TIMEOUT_MS: '60000' };
    if (AFTER_DOCTOR) {
      await new Promise<void>((resolve, reject) => {
        const doctor = spawn(process.execPath, [BIN, 'doctor', '--model', 'test-model', '--cache-dir', path.join(dir, 'cache')], { cwd: dir, env, stdio: 'ignore' });
        doctor.on('error', reject);
        doctor.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`litrev doctor exited ${code}`))));
      });
    }
    // --tty: the dashboard, on a pseudo-terminal that util-linux `script` provides.
    const [command, argv] = TTY ? ['script', ['-qefc', [process.execPath, ...args].map((a) => `'${a}'`).join(' '), '/dev/null']] : [process.execPath, args];
    const t0 = Date.now();
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(command, argv, { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 || code === 1 ? resolve(code) : reject(new Error(`litrev exited ${code}: ${stderr.slice(-2000)}`))));
    });
    const wallMs = Date.now() - t0;
    const chats = server.chatRequests().filter((r): r is RecordedRequest & { answeredAt: number } => r.answeredAt !== undefined && r.receivedAt >= t0);
    const spans = chats.map((r) => ({ stage: stageOf(describeChat(r.body ?? {}, 0)) ?? 'other', start: r.receivedAt - t0, end: r.answeredAt - t0 }));
    return {
      wallMs,
      spans,
      firstRequestMs: Math.min(...spans.map((s) => s.start)),
      firstHttpMs: Math.min(...server.requests.filter((r) => r.receivedAt >= t0).map((r) => r.receivedAt)) - t0,
      exitCode,
    };
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Time within [from, to] during which fewer than `slots` of the spans were in flight. */
function underfilledMs(spans: Span[], from: number, to: number): number {
  const edges = spans.flatMap((s) => [
    { t: s.start, d: 1 },
    { t: s.end, d: -1 },
  ]);
  edges.sort((a, b) => a.t - b.t || a.d - b.d);
  let inFlight = 0;
  let last = from;
  let under = 0;
  for (const e of edges) {
    const t = Math.min(Math.max(e.t, from), to);
    if (inFlight < SLOTS) under += t - last;
    last = t;
    inFlight += e.d;
  }
  if (inFlight < SLOTS) under += to - last;
  return under;
}

/**
 * Rounds on the longest chain of requests each sent after the one before it was answered (by a stage
 * waiting for its inputs, or for a free slot): at zero start-up and overhead the run would still
 * take this many latencies.
 */
function roundsInSeries(spans: Span[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  sorted.forEach((r, i) => {
    let d = 0;
    for (let j = 0; j < i; j++) if (sorted[j]!.end <= r.start) d = Math.max(d, depth[j]!);
    depth.push(d + 1);
  });
  return Math.max(0, ...depth);
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const ms = (x: number): string => `${(x / 1000).toFixed(2)} s`;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function report(i: number, f: RunFigures): number {
  const busy = sum(f.spans.map((s) => s.end - s.start));
  const lastEnd = Math.max(...f.spans.map((s) => s.end));
  const utilisation = busy / (SLOTS * f.wallMs);
  const inProcess = busy / (SLOTS * (lastEnd - f.firstRequestMs));
  const stages = [...new Set(f.spans.map((s) => s.stage))];
  const perStage = stages.map((stage) => {
    const own = f.spans.filter((s) => s.stage === stage);
    const start = Math.min(...own.map((s) => s.start));
    const end = Math.max(...own.map((s) => s.end));
    return { stage, n: own.length, start, end, ideal: Math.ceil(own.length / SLOTS) * LATENCY, under: underfilledMs(f.spans, start, end) };
  });
  const ideal = sum(perStage.map((s) => s.ideal));
  console.log(`run ${i + 1}: exit ${f.exitCode}, wall ${ms(f.wallMs)}, ${f.spans.length} chat requests, first HTTP request at ${ms(f.firstHttpMs)}, first chat request at ${ms(f.firstRequestMs)}, last answer at ${ms(lastEnd)}`);
  console.log(`  slot utilisation ${pct(utilisation)} of the wall time, ${pct(inProcess)} from the first request to the last answer`);
  console.log(`  baseline: ideal wall for these requests (stages in series, ⌈n/${SLOTS}⌉ × ${LATENCY} ms) ${ms(ideal)}; measured wall ${(f.wallMs / ideal).toFixed(2)}x of it, requests span ${((lastEnd - f.firstRequestMs) / ideal).toFixed(2)}x`);
  const rounds = roundsInSeries(f.spans);
  console.log(`  bound: ${rounds} rounds of requests in series (${ms(rounds * LATENCY)} at ${LATENCY} ms): with no start-up and no overhead at all, utilisation ≤ ${pct(busy / (SLOTS * rounds * LATENCY))}`);
  if (process.argv.includes('--trace')) {
    for (const s of [...f.spans].sort((a, b) => a.start - b.start)) console.log(`    ${s.stage.padEnd(20)} ${String(s.start).padStart(6)} → ${String(s.end).padStart(6)} ms`);
  }
  for (const s of perStage) {
    console.log(`  ${s.stage.padEnd(20)} ${String(s.n).padStart(4)} req  ${ms(s.start).padStart(8)} → ${ms(s.end).padStart(8)}  span ${ms(s.end - s.start).padStart(8)} (ideal ${ms(s.ideal)})  fewer than ${SLOTS} in flight for ${ms(s.under)}`);
  }
  return utilisation;
}

console.log(`bench:slots: ${BIN} review examples/corpus, --concurrency ${SLOTS}, ${TTY ? 'dashboard on a terminal' : '--plain'}, server latency ${LATENCY} ms, fresh cache${AFTER_DOCTOR ? ' after `litrev doctor`' : ''}, ${RUNS} run(s)`);
const utilisations: number[] = [];
for (let i = 0; i < RUNS; i++) utilisations.push(report(i, await runOnce()));
utilisations.sort((a, b) => a - b);
console.log(`median slot utilisation over ${RUNS} run(s): ${pct(utilisations[Math.floor(utilisations.length / 2)]!)}`);
