import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { readRun } from '../../src/runs/read-run.js';
import { basePapers, removeTempDirs, tempDir, VERIFICATION, writeRun } from './run-fixture.js';

afterAll(removeTempDirs);

let runsDir: string;

beforeAll(async () => {
  runsDir = path.join(await tempDir(), 'runs');
  await writeRun(path.join(runsDir, '20261101-aaaa'), { runId: '20261101-aaaa', papers: basePapers() });
  await writeRun(path.join(runsDir, '20261102-bbbb'), { runId: '20261102-bbbb', papers: basePapers() });
  await writeRun(path.join(runsDir, '20261102-bccc'), { runId: '20261102-bccc', papers: basePapers() });
});

describe('readRun', () => {
  it('loads every file of a run by id', async () => {
    const run = await readRun('20261101-aaaa', runsDir);
    expect(run.dir).toBe(path.join(runsDir, '20261101-aaaa'));
    expect(run.manifest.runId).toBe('20261101-aaaa');
    expect(run.papers).toHaveLength(10);
    expect(run.papers[0]).toMatchObject({ id: 'p1', key: 'key-p1', category: 'Pruning', categoryId: 'pruning', status: 'ok' });
    expect(run.papers[0]!.claims[0]!.quote).toBe('Paper 1 improves accuracy by 1%.');
    expect(run.taxonomy?.categories.map((c) => c.name)).toEqual(['Pruning', 'Quantisation', 'Distillation']);
    expect(run.verification).toMatchObject({ source: 'verification.json', summary: VERIFICATION });
    expect(run.reviewText).toContain('## Methods');
    expect(run.warnings).toEqual([]);
  });

  it('accepts a run folder, a run.json path, and a unique id prefix', async () => {
    const dir = path.join(runsDir, '20261101-aaaa');
    expect((await readRun(dir, '/nonexistent')).manifest.runId).toBe('20261101-aaaa');
    expect((await readRun(path.join(dir, 'run.json'), '/nonexistent')).manifest.runId).toBe('20261101-aaaa');
    expect((await readRun('20261101', runsDir)).manifest.runId).toBe('20261101-aaaa');
    const rel = path.relative(path.dirname(runsDir), dir);
    expect((await readRun(rel, '/nonexistent', { cwd: path.dirname(runsDir) })).manifest.runId).toBe('20261101-aaaa');
  });

  it('names what was not found, and an ambiguous prefix', async () => {
    await expect(readRun('nope', runsDir)).rejects.toThrow(UsageError);
    await expect(readRun('nope', runsDir)).rejects.toThrow(/run "nope" not found: .* no run with that id in /);
    await expect(readRun('20261102-b', runsDir)).rejects.toThrow(/ambiguous.*20261102-bbbb, 20261102-bccc/);
    await expect(readRun(path.join(runsDir, '20261101-aaaa', 'review.md'), runsDir)).rejects.toThrow(/is a file, not a run folder/);
  });

  it('rejects a folder without run.json and a foreign or broken run.json in one line', async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'empty'));
    await expect(readRun(path.join(root, 'empty'), root)).rejects.toThrow(/empty: no run\.json/);
    await mkdir(path.join(root, 'foreign'));
    await writeFile(path.join(root, 'foreign', 'run.json'), '{"name": "something else"}');
    await expect(readRun(path.join(root, 'foreign'), root)).rejects.toThrow(/run\.json: not a litrev run manifest \(runId/);
    await mkdir(path.join(root, 'half'));
    await writeFile(path.join(root, 'half', 'run.json'), '{"runId": "x", "createdAt": "2026');
    await expect(readRun(path.join(root, 'half'), root)).rejects.toThrow(/run\.json: not valid JSON/);
    await mkdir(path.join(root, 'future'));
    await writeFile(path.join(root, 'future', 'run.json'), '{"formatVersion": 9, "runId": "x", "createdAt": "2026"}');
    await expect(readRun(path.join(root, 'future'), root)).rejects.toThrow(/unsupported run\.json formatVersion 9/);
  });

  it('reads damaged parts defensively and says what was skipped', async () => {
    const dir = await writeRun(path.join(await tempDir(), 'damaged'), { runId: 'damaged', papers: basePapers().slice(0, 2) });
    const lines = [
      JSON.stringify({ id: 'p1', key: 'k1', title: 'One', category: 'Pruning', claims: [{ quote: 'q' }, 'junk'], status: 'ok' }),
      '{"id": "p2", "title": "truncated',
      JSON.stringify({ title: 'no id' }),
      JSON.stringify({ id: 'p1', title: 'twice' }),
      '',
    ];
    await writeFile(path.join(dir, 'papers.jsonl'), lines.join('\n'));
    await writeFile(path.join(dir, 'verification.json'), '[]');
    await writeFile(path.join(dir, 'taxonomy.json'), '{"categories": [{"name": "Pruning", "paperIds": ["p1"]}, 7]}');
    const run = await readRun(dir, '/nonexistent');
    expect(run.papers.map((p) => p.id)).toEqual(['p1']);
    expect(run.papers[0]!.claims).toHaveLength(1);
    expect(run.taxonomy?.categories).toEqual([{ id: 'Pruning', name: 'Pruning', definition: '', paperIds: ['p1'], keys: [] }]);
    expect(run.verification.source).toBe('run.json');
    expect(run.verification.summary).toEqual(VERIFICATION);
    const w = run.warnings.join('\n');
    expect(w).toContain('papers.jsonl:2: skipped, not valid JSON');
    expect(w).toContain('papers.jsonl:3: skipped, not a paper record');
    expect(w).toContain('papers.jsonl:4: skipped, paper id "p1" appears twice');
    expect(w).toContain('taxonomy.json: category 2 ignored');
    expect(w).toContain('verification.json: no "summary" object; using the summary in run.json');
  });

  it('fills a minimal manifest with empty values', async () => {
    const dir = path.join(await tempDir(), 'minimal');
    await mkdir(dir);
    await writeFile(path.join(dir, 'run.json'), JSON.stringify({ runId: 'minimal', createdAt: '2026-01-01T00:00:00Z', counts: { papers: 'x' } }));
    const run = await readRun(dir, '/nonexistent');
    expect(run.manifest.counts.papers).toBe(0);
    expect(run.manifest.costUSD).toBeNull();
    expect(run.manifest.prompts).toEqual({});
    expect(run.papers).toEqual([]);
    expect(run.reviewText).toBeNull();
    expect(run.warnings.some((w) => w.endsWith('papers.jsonl: missing'))).toBe(true);
  });
});
