import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listRuns } from '../../src/runs/list-runs.js';
import { promptSetFingerprint, renderRunList } from '../../src/runs/render-run-list.js';
import { basePapers, removeTempDirs, tempDir, writeRun } from './run-fixture.js';

afterAll(removeTempDirs);

describe('listRuns', () => {
  it('lists runs newest first and skips broken folders with a reason', async () => {
    const runsDir = path.join(await tempDir(), 'runs');
    await writeRun(path.join(runsDir, 'old'), { runId: 'old', createdAt: '2026-10-01T08:00:00.000Z', papers: basePapers() });
    await writeRun(path.join(runsDir, 'new'), {
      runId: 'new',
      createdAt: '2026-11-02T09:30:00.000Z',
      papers: basePapers(),
      prompts: { classify: 'd'.repeat(64) },
      costUSD: null,
    });
    await writeRun(path.join(runsDir, 'mid'), { runId: 'mid', createdAt: '2026-10-15T08:00:00.000Z', papers: basePapers() });
    await mkdir(path.join(runsDir, 'crashed'));
    await writeFile(path.join(runsDir, 'crashed', 'papers.jsonl'), '');
    await mkdir(path.join(runsDir, 'garbled'));
    await writeFile(path.join(runsDir, 'garbled', 'run.json'), 'not json');
    await mkdir(path.join(runsDir, '.hidden'));
    await writeFile(path.join(runsDir, 'notes.txt'), 'a file, not a run');

    const { runs, skipped } = await listRuns(runsDir);
    expect(runs.map((r) => r.runId)).toEqual(['new', 'mid', 'old']);
    expect(runs[0]).toMatchObject({
      engine: 'model',
      model: 'test-model',
      prompts: { classify: 'dddddddddddd' },
      papers: 10,
      annotated: 10,
      failed: 0,
      calls: 6,
      cacheHits: 0,
      tokens: { prompt: 1000, completion: 200 },
      costUSD: null,
      outDir: path.join(runsDir, 'new'),
      status: 'ok',
    });
    expect(skipped).toEqual([
      { path: path.join(runsDir, 'crashed'), reason: 'no run.json (not a run folder, or the run did not finish)' },
      { path: path.join(runsDir, 'garbled'), reason: expect.stringMatching(/^run\.json: not valid JSON/) },
    ]);

    const table = renderRunList(runs, runsDir, path.dirname(runsDir));
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^created \(UTC\)\s+run id\s+model\s+prompts\s+screening\s+papers.*\s+status\s+output$/);
    expect(lines[2]).toMatch(new RegExp(`^2026-11-02 09:30\\s+new\\s+test-model\\s+[0-9a-f]{8}\\s+-\\s+10\\s+10\\s+0\\s+6\\s+0\\s+1,200\\s+unknown\\s+ok\\s+${path.basename(runsDir)}/new$`));
    expect(table).toContain(`3 runs in ${path.basename(runsDir)};`);
  });

  it('gives an empty list for a missing runs folder', async () => {
    const missing = path.join(await tempDir(), 'runs');
    expect(await listRuns(missing)).toEqual({ runs: [], skipped: [] });
    expect(renderRunList([], missing)).toBe(`no runs in ${missing}\n`);
  });

  it('fingerprints prompt sets independently of order', () => {
    expect(promptSetFingerprint({ a: '1', b: '2' })).toBe(promptSetFingerprint({ b: '2', a: '1' }));
    expect(promptSetFingerprint({ a: '1', b: '2' })).not.toBe(promptSetFingerprint({ a: '1', b: '3' }));
    expect(promptSetFingerprint({})).toBe('-');
  });
});
