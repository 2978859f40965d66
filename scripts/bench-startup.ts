/**
 * Start-up cost of the CLI against a bare `node -e 0` measured in the same run (goal: `--help`
 * within 6x). Needs the build (`npm run build`). Prints medians of N runs and the ratios.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/litrev.js');
const RUNS = Number(process.argv[2] ?? 15);

function median(cmd: string[], cwd = ROOT): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, cmd, { cwd, stdio: 'ignore' });
    if (r.status !== 0 && cmd[1] !== '--bogus') throw new Error(`${cmd.join(' ')} exited ${r.status}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const base = median(['-e', '0']);
const rows: [string, number][] = [
  ['litrev --help', median([CLI, '--help'])],
  ['litrev review --help', median([CLI, 'review', '--help'])],
  ['litrev runs --json (empty)', median([CLI, 'runs', '--json'], '/tmp')],
];
console.log(`baseline node -e 0: ${base.toFixed(1)} ms (median of ${RUNS})`);
for (const [name, ms] of rows) console.log(`${name.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms  ratio ${(ms / base).toFixed(2)}x`);
