/**
 * `npm run test:stress [-- --rounds N] [-- --only shuffle|parallel]`: the whole suite in the two ways that
 * expose shared state and timing windows, N rounds in a row (default 3):
 *   - shuffled: `vitest run --sequence.shuffle --sequence.seed <seed>` (files and tests in a random order,
 *     the seed printed so a failure can be run again in the same order);
 *   - under load: two `vitest run` at once in the same checkout (ports, temp folders, the dist/ build and
 *     the CPU are shared between them).
 * Each run's verdict is vitest's exit code; failing test names are taken from its output. Not part of CI
 * (a round takes three suites' time).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, only: { type: 'string' }, 'first-seed': { type: 'string' } },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`--rounds must be a whole number of at least 1, not "${values.rounds}"`);
  process.exit(2);
}
if (values.only !== undefined && values.only !== 'shuffle' && values.only !== 'parallel') {
  console.error(`--only takes shuffle or parallel, not "${values.only}"`);
  process.exit(2);
}
const LOGS = path.join('reports', 'stress');
mkdirSync(LOGS, { recursive: true });
const firstSeed = values['first-seed'] !== undefined ? Number(values['first-seed']) : Date.now() % 100_000;

interface Outcome {
  label: string;
  code: number;
  seconds: number;
  failures: string[];
  summary: string;
}

function vitest(label: string, extra: string[]): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', ...extra], { env: { ...process.env, CI: 'true', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => {
      const log = path.join(LOGS, `${label.replace(/[^\w]+/g, '-').replace(/^-|-$/g, '')}.log`);
      writeFileSync(log, out);
      const lines = out.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
      const failures = [...new Set(lines.filter((l) => /^\s*(FAIL|×|✗)\s/.test(l) || /Error: .*(timed out|Timeout)/.test(l)).map((l) => l.trim()))];
      const summary = [lines.filter((l) => /^\s*Tests\s+\d/.test(l)).map((l) => l.trim()).pop() ?? '', `log: ${log}`].filter(Boolean).join(', ');
      resolve({ label, code: code ?? 1, seconds: (Date.now() - started) / 1000, failures, summary });
    });
  });
}

function report(o: Outcome): void {
  console.log(`${o.code === 0 ? 'green' : 'RED  '} ${o.label}: exit ${o.code}, ${o.seconds.toFixed(0)} s${o.summary ? `, ${o.summary}` : ''}`);
  for (const f of o.failures.slice(0, 20)) console.log(`        ${f}`);
}

const outcomes: Outcome[] = [];
for (let round = 1; round <= rounds; round++) {
  if (values.only !== 'parallel') {
    const seed = firstSeed + round - 1;
    const o = await vitest(`round ${round}, shuffled (seed ${seed})`, ['--sequence.shuffle', '--sequence.seed', String(seed)]);
    report(o);
    outcomes.push(o);
  }
  if (values.only !== 'shuffle') {
    const pair = await Promise.all([vitest(`round ${round}, under load (A of two at once)`, []), vitest(`round ${round}, under load (B of two at once)`, [])]);
    pair.forEach(report);
    outcomes.push(...pair);
  }
}
const red = outcomes.filter((o) => o.code !== 0).length;
console.log(`\n${outcomes.length - red} of ${outcomes.length} runs green`);
process.exit(red === 0 ? 0 : 1);
