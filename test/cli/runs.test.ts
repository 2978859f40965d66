import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { basePapers, removeTempDirs, tempDir, writeRun } from '../runs/run-fixture.js';
import { runCli } from '../support/run-cli.js';

afterAll(removeTempDirs);

async function workspace(): Promise<string> {
  const cwd = await tempDir('litrev-h5-cli-runs-');
  await writeRun(path.join(cwd, 'runs', 'r1'), { runId: 'r1', createdAt: '2026-11-01T10:00:00.000Z', papers: basePapers() });
  await writeRun(path.join(cwd, 'runs', 'r2'), { runId: 'r2', createdAt: '2026-11-03T10:00:00.000Z', papers: basePapers(), cacheHits: 6, calls: 0 });
  await mkdir(path.join(cwd, 'runs', 'broken'));
  return cwd;
}

describe('litrev runs', () => {
  it('--json prints exactly one object with every run, newest first', async () => {
    const cwd = await workspace();
    const io = await runCli(['runs', '--json'], { cwd });
    expect(io.code).toBe(0);
    const lines = io.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(json.runs.map((r: { runId: string }) => r.runId)).toEqual(['r2', 'r1']);
    expect(json.runs[0]).toMatchObject({
      runId: 'r2',
      createdAt: '2026-11-03T10:00:00.000Z',
      engine: 'model',
      model: 'test-model',
      prompts: { classify: 'aaaaaaaaaaaa', synthesize: 'bbbbbbbbbbbb' },
      papers: 10,
      annotated: 10,
      failed: 0,
      calls: 0,
      cacheHits: 6,
      tokens: { prompt: 1000, completion: 200 },
      costUSD: 0.0012,
      outDir: path.join(cwd, 'runs', 'r2'),
      status: 'ok',
    });
    expect(json.skipped).toEqual([{ path: path.join(cwd, 'runs', 'broken'), reason: expect.stringContaining('no run.json') }]);
    expect(io.stderr).toContain(`skipped ${path.join(cwd, 'runs', 'broken')}: no run.json`);
  });

  it('prints an aligned table by default', async () => {
    const cwd = await workspace();
    const io = await runCli(['runs'], { cwd });
    expect(io.code).toBe(0);
    const lines = io.stdout.split('\n');
    expect(lines[0]).toMatch(/^created \(UTC\)\s+run id/);
    expect(lines[2]).toMatch(/^2026-11-03 10:00\s+r2\s+test-model/);
    expect(lines[3]).toMatch(/^2026-11-01 10:00\s+r1\s+test-model/);
    // Columns line up: every row starts the model column at the same offset.
    expect(lines[2]!.indexOf('test-model')).toBe(lines[0]!.indexOf('model'));
  });

  it('uses the runs folder of the config file and says when there are no runs', async () => {
    const cwd = await tempDir('litrev-h5-cli-runs-');
    await writeFile(path.join(cwd, 'litrev.config.json'), JSON.stringify({ runsDir: 'history' }));
    const io = await runCli(['runs'], { cwd });
    expect(io.code).toBe(0);
    expect(io.stdout).toBe(`no runs in ${path.join(cwd, 'history')}\n`);
    await writeRun(path.join(cwd, 'history', 'h1'), { runId: 'h1', papers: basePapers() });
    const io2 = await runCli(['runs', '--json'], { cwd });
    expect(io2.code).toBe(0);
    expect(JSON.parse(io2.stdout).runs.map((r: { runId: string }) => r.runId)).toEqual(['h1']);
  });
});
