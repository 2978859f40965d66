import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { basePapers, removeTempDirs, tempDir, writeRun } from '../runs/run-fixture.js';
import { runCli } from '../support/run-cli.js';

afterAll(removeTempDirs);

async function workspace(): Promise<string> {
  const cwd = await tempDir('litrev-h5-cli-compare-');
  await writeRun(path.join(cwd, 'runs', 'base'), { runId: 'base', papers: basePapers() });
  await writeRun(path.join(cwd, 'runs', 'replay'), { runId: 'replay', papers: basePapers(), calls: 0, cacheHits: 6, costUSD: 0 });
  const changed = basePapers().map((p) => (p.id === 'p3' ? { ...p, category: 'Quantisation' } : p));
  await writeRun(path.join(cwd, 'runs', 'variant'), { runId: 'variant', papers: changed, prompts: { classify: 'e'.repeat(64), synthesize: 'b'.repeat(64) } });
  return cwd;
}

describe('litrev compare', () => {
  it('--json prints exactly one object: kappa 1.0 for a run against its replay', async () => {
    const cwd = await workspace();
    const io = await runCli(['compare', 'base', 'replay', '--json'], { cwd });
    expect(io.code).toBe(0);
    const lines = io.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const c = JSON.parse(lines[0]!);
    expect(c.kappa).toBe(1);
    expect(c.changedCategories).toEqual([]);
    expect(c.calls).toEqual({ a: 6, b: 0, delta: -6 });
    expect(c.costUSD).toEqual({ a: 0.0012, b: 0, delta: -0.0012 });
    expect(c.sections.changed).toEqual([]);
    expect(io.stderr).toBe('');
  });

  it('reports a lower kappa and the changed papers for a changed classification prompt', async () => {
    const cwd = await workspace();
    const io = await runCli(['compare', 'runs/base', path.join(cwd, 'runs', 'variant', 'run.json'), '--json'], { cwd });
    expect(io.code).toBe(0);
    const c = JSON.parse(io.stdout);
    expect(c.kappa).toBeLessThan(1);
    expect(c.changedCategories).toEqual([{ id: 'p3', key: 'key-p3', title: 'Title of p3', from: 'Pruning', to: 'Quantisation' }]);
    expect(c.prompts.changed.map((p: { name: string }) => p.name)).toEqual(['classify']);
  });

  it('prints a readable report by default', async () => {
    const cwd = await workspace();
    const io = await runCli(['compare', 'base', 'variant'], { cwd });
    expect(io.code).toBe(0);
    expect(io.stdout).toMatch(/^# Comparison of two runs/);
    expect(io.stdout).toMatch(/category kappa \(Cohen\): 0\.\d{3} over 10 papers/);
    expect(io.stdout).toContain('- key-p3: Pruning -> Quantisation');
    expect(io.stdout).toContain('- prompt classify:');
  });

  it('fails with one line and exit 2 for an unknown run, and warns about damaged files', async () => {
    const cwd = await workspace();
    const io = await runCli(['compare', 'base', 'nosuch'], { cwd });
    expect(io.code).toBe(2);
    expect(io.stdout).toBe('');
    expect(io.stderr).toContain('litrev: run "nosuch" not found');
    expect(io.stderr).not.toMatch(/\n\s+at /);

    await writeFile(path.join(cwd, 'runs', 'variant', 'papers.jsonl'), '{"id": "p1", "category": "Pruning"}\n{broken\n');
    const io2 = await runCli(['compare', 'base', 'variant', '--json'], { cwd });
    expect(io2.code).toBe(0);
    expect(io2.stderr).toContain('papers.jsonl:2: skipped, not valid JSON');
    const c = JSON.parse(io2.stdout);
    expect(c.comparedPapers).toBe(1);
    expect(c.papersOnlyInA).toHaveLength(9);
  });
});
