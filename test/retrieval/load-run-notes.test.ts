import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunNotes } from '../../src/retrieval/load-run-notes.js';

async function writeRun(runsDir: string, name: string, manifest: object, lines: string[] | null) {
  const dir = path.join(runsDir, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'run.json'), JSON.stringify(manifest));
  if (lines) await writeFile(path.join(dir, 'papers.jsonl'), lines.join('\n') + '\n');
}

const row = (id: string, category: string) =>
  JSON.stringify({ id, key: id, title: 't', category, contributionType: 'method', methodFamily: 'f', methodSummary: 's', claims: [{ text: 'c', quote: 'q' }], status: 'ok' });

describe('loadRunNotes', () => {
  it('reads the newest run over the same corpus and skips bad lines and failed papers', async () => {
    const runs = await mkdtemp(path.join(tmpdir(), 'litrev-runs-'));
    await writeRun(runs, 'old', { runId: 'old', createdAt: '2026-01-01T00:00:00Z', corpusHash: 'H' }, [row('p1', 'Old')]);
    await writeRun(runs, 'new', { runId: 'new', createdAt: '2026-02-01T00:00:00Z', corpusHash: 'H' }, [
      row('p1', 'New'),
      '{ not json',
      JSON.stringify({ id: 'p2', status: 'failed' }),
    ]);
    await writeRun(runs, 'other', { runId: 'other', createdAt: '2026-03-01T00:00:00Z', corpusHash: 'X' }, [row('p1', 'Other')]);
    await mkdir(path.join(runs, 'broken'));
    await writeFile(path.join(runs, 'broken', 'run.json'), 'nope');

    const found = await loadRunNotes(runs, 'H');
    expect(found?.runId).toBe('new');
    expect([...found!.notes.keys()]).toEqual(['p1']);
    expect(found!.notes.get('p1')).toEqual({
      category: 'New',
      contributionType: 'method',
      methodFamily: 'f',
      methodSummary: 's',
      claims: [{ text: 'c', quote: 'q' }],
    });
  });

  it('returns null when there is no runs folder or no matching run', async () => {
    const runs = await mkdtemp(path.join(tmpdir(), 'litrev-runs-'));
    expect(await loadRunNotes(path.join(runs, 'missing'), 'H')).toBeNull();
    await writeRun(runs, 'a', { runId: 'a', createdAt: '2026-01-01T00:00:00Z', corpusHash: 'X' }, [row('p1', 'A')]);
    expect(await loadRunNotes(runs, 'H')).toBeNull();
  });
});
