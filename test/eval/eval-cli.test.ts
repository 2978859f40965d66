import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonOf, runCli } from '../support/run-cli.js';
import { GOLD_JSONL, RUN_PAPERS, writeRunFolder } from './fixture.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function workspace(): Promise<string> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'litrev-eval-'));
  dirs.push(cwd);
  await writeRunFolder(path.join(cwd, 'runs', 'first'), 'first', RUN_PAPERS);
  // A second run that excluded nothing: recall 1, precision 5/9.
  const keepAll = RUN_PAPERS.map((p) => ({ ...p, status: 'ok' }));
  await writeRunFolder(path.join(cwd, 'runs', 'second'), 'second', keepAll, { model: 'other-model' });
  await writeFile(path.join(cwd, 'gold.jsonl'), `${GOLD_JSONL}\n`);
  return cwd;
}

describe('litrev eval', () => {
  it('reproduces the hand-computed figures of the labelled fixture (--json)', async () => {
    const cwd = await workspace();
    const io = await runCli(['eval', 'first', '--gold', 'gold.jsonl', '--json'], { cwd });
    expect(io.stderr).toBe('');
    expect(io.code).toBe(0);
    const run = jsonOf(io).runs[0];
    expect(run).toMatchObject({ run: 'first', matched: 14, unmatched: 1 });
    expect(run.unmatchedRows).toEqual([{ where: 'gold.jsonl:15', ref: 'title=A paper nobody ran' }]);
    const t = run.fields.contributionType;
    // types over p1-p10: the same design as the worked example: accuracy 8/10, kappa .46/.66
    expect(t.n).toBe(10);
    expect(t.accuracy).toBeCloseTo(0.8, 10);
    expect(t.kappa).toBeCloseTo(0.46 / 0.66, 10);
    expect(t.macroF1).toBeCloseTo((0.75 + 2 / 3 + 1) / 3, 10);
    expect(t.intervals.accuracy[0]).toBeLessThanOrEqual(0.8);
    expect(t.intervals.accuracy[1]).toBeGreaterThanOrEqual(0.8);
    const c = run.fields.category;
    // categories over p1-p6: gold A A A B B B, run x x y y y y
    expect(c.n).toBe(6);
    expect(c.ari).toBeCloseTo(1.2 / 3.7, 10);
    expect(c.nmi).toBeCloseTo(0.478704, 5);
    expect(c.mappedAccuracy).toBeCloseTo(5 / 6, 10);
    const r = run.fields.relevant;
    // relevant: TP p1-p4, FP p5 p6, FN p11, TN p12-p14
    expect([r.truePositives, r.falsePositives, r.falseNegatives, r.trueNegatives]).toEqual([4, 2, 1, 3]);
    expect(r.recall).toBeCloseTo(0.8, 10);
    expect(r.precision).toBeCloseTo(4 / 6, 10);
    expect(r.specificity).toBeCloseTo(0.6, 10);
    expect(r.missed).toEqual([{ key: 'kim2024k', title: 'Lambda Relevant But Excluded' }]);
  });

  it('ranks several runs by --by, reproducibly, and writes the Markdown report with --out', async () => {
    const cwd = await workspace();
    const a = jsonOf(await runCli(['eval', 'first', 'second', '--gold', 'gold.jsonl', '--by', 'recall', '--json'], { cwd }));
    expect(a.runs.map((r: any) => r.run)).toEqual(['second', 'first']);
    expect(a.runs[0].fields.relevant.recall).toBe(1);
    const b = jsonOf(await runCli(['eval', 'first', 'second', '--gold', 'gold.jsonl', '--by', 'specificity', '--json'], { cwd }));
    expect(b.runs.map((r: any) => r.run)).toEqual(['first', 'second']);
    const again = jsonOf(await runCli(['eval', 'first', 'second', '--gold', 'gold.jsonl', '--by', 'specificity', '--json'], { cwd }));
    expect(again).toEqual(b);
    const io = await runCli(['eval', 'first', 'second', '--gold', 'gold.jsonl', '--out', 'report.md'], { cwd });
    expect(io.code).toBe(0);
    const report = await readFile(path.join(cwd, 'report.md'), 'utf8');
    expect(report).toBe(io.stdout);
    expect(report).toContain('## Runs ranked by recall');
    expect(report).toContain('- kim2024k: Lambda Relevant But Excluded');
    expect(report).toContain('- gold.jsonl:15: title=A paper nobody ran');
  });

  it('reads CSV and TSV gold files and names unusable rows', async () => {
    const cwd = await workspace();
    await writeFile(path.join(cwd, 'gold.csv'), 'Key,Relevant\nann2024a,yes\nbob2024b,perhaps\n,no\n');
    const io = await runCli(['eval', 'first', '--gold', 'gold.csv', '--json'], { cwd });
    expect(io.code).toBe(0);
    expect(io.stderr).toContain('gold.csv:3: "relevant" is "perhaps"');
    expect(io.stderr).toContain('gold.csv:4: no key, id, doi or title');
    expect(jsonOf(io).runs[0].fields.relevant.n).toBe(1);
    await writeFile(path.join(cwd, 'gold.tsv'), 'title\tcontribution_type\nALPHA: fast attention\tmethod\n');
    const tsv = jsonOf(await runCli(['eval', 'first', '--gold', 'gold.tsv', '--json'], { cwd }));
    expect(tsv.runs[0].fields.contributionType.accuracy).toBe(1);
  });

  it('fails with a usage error without --gold, with an unknown --by, and for a missing gold file', async () => {
    const cwd = await workspace();
    expect((await runCli(['eval', 'first'], { cwd })).code).toBe(2);
    expect((await runCli(['eval', 'first', '--gold', 'gold.jsonl', '--by', 'luck'], { cwd })).stderr).toContain('--by luck');
    const missing = await runCli(['eval', 'first', '--gold', 'nope.csv'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.csv not found');
  });
});
