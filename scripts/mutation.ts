/**
 * `npm run test:mutation [module...]`: StrykerJS over the trust-critical modules (test/mutation/modules.mjs),
 * one module at a time (each with its own tests and incremental file), then the mutation score of each.
 * Slow (minutes per module) and not part of CI. LITREV_MUTATION_CONCURRENCY sets Stryker's workers (default 1).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MUTATION_MODULES } from '../test/mutation/modules.mjs';

interface MutantReport {
  files: Record<string, { mutants: { status: string }[] }>;
}

const requested = process.argv.slice(2);
const unknown = requested.filter((m) => !(m in MUTATION_MODULES));
if (unknown.length > 0) {
  console.error(`unknown module(s): ${unknown.join(', ')}; modules: ${Object.keys(MUTATION_MODULES).join(', ')}`);
  process.exit(2);
}
const modules = requested.length > 0 ? requested : Object.keys(MUTATION_MODULES);
const rows: string[] = [];
let failed = false;
for (const name of modules) {
  const run = spawnSync('npx', ['stryker', 'run'], { stdio: 'inherit', env: { ...process.env, LITREV_MUTATION_MODULE: name } });
  if (run.status !== 0) {
    rows.push(`${name}: stryker exited ${run.status}`);
    failed = true;
    continue;
  }
  const report = JSON.parse(readFileSync(path.join('reports', 'mutation', `${name}.json`), 'utf8')) as MutantReport;
  const count = (file: { mutants: { status: string }[] }[], ...statuses: string[]) => file.reduce((n, f) => n + f.mutants.filter((m) => statuses.includes(m.status)).length, 0);
  const files = Object.values(report.files);
  const killed = count(files, 'Killed', 'Timeout');
  const survived = count(files, 'Survived', 'NoCoverage');
  const score = killed + survived === 0 ? 100 : (100 * killed) / (killed + survived);
  rows.push(`${name}: ${score.toFixed(1)}% killed (${killed} killed, ${survived} survived or not covered)`);
}
console.log(['', 'mutation score per module:', ...rows.map((r) => `  ${r}`)].join('\n'));
process.exit(failed ? 1 : 0);
