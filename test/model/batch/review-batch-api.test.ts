import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeReviewer } from '../../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { jsonOf, runCli } from '../../support/run-cli.js';

const CORPUS = path.resolve(__dirname, '../../../examples/corpus');

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ handler: fakeReviewer() });
});
afterAll(() => server.close());

const read = (...p: string[]) => readFileSync(path.join(...p), 'utf8');
const batchCreates = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/batches');

/** A workspace whose config polls batches every 20 ms (the default, 5 s, suits a real provider). */
function workspace(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-batch-'));
  writeFileSync(path.join(cwd, 'litrev.config.json'), JSON.stringify({ batchPollMs: 20 }));
  return cwd;
}

// One scenario in steps: the later steps reuse the first run's cache and output (kept in order under --sequence.shuffle).
describe('litrev review --batch-api', { shuffle: false }, () => {
  const cwd = workspace();
  const model = () => ['--base-url', server.url, '--model', 'test-model'];

  it('annotates all 411 papers through batches, with no synchronous chat request', async () => {
    const r = await runCli(['review', CORPUS, ...model(), '--batch-api', '--json', '--out', 'b1'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(jsonOf(r)).toMatchObject({ engine: 'model', papers: 411, annotated: 411, failed: 0 });
    expect(server.chatRequests()).toHaveLength(0);
    const created = server.batchApi.batches();
    expect(created.length).toBeGreaterThanOrEqual(4);
    expect(created.every((b) => b.batch.status === 'completed')).toBe(true);
    // One batch per stage: every classification request went into the first batch.
    const classify = created.filter((b) => b.lines.some((l) => JSON.stringify(l.body).includes('paper_annotations')));
    expect(classify).toHaveLength(1);
    const registry = JSON.parse(read(cwd, 'cache', 'batches.json'));
    expect(registry.batches.map((b: { id: string }) => b.id).sort()).toEqual(created.map((b) => b.batch.id).sort());
    expect(JSON.parse(read(cwd, 'b1', 'batches.json')).batches).toHaveLength(created.length);
  });

  it('fills the same cache as the synchronous path: a run without --batch-api sends nothing and writes the same review', async () => {
    const before = server.requests.length;
    const r = await runCli(['review', ...model(), '--json', '--out', 'sync'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(jsonOf(r)).toMatchObject({ calls: 0, annotated: 411 });
    expect(server.requests.length).toBe(before);
    expect(read(cwd, 'sync', 'review.md')).toBe(read(cwd, 'b1', 'review.md'));
  });

  it('replays byte-identically with --cache replay', async () => {
    const before = server.requests.length;
    const r = await runCli(['review', ...model(), '--batch-api', '--cache', 'replay', '--json', '--out', 'replay'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(server.requests.length).toBe(before);
    expect(read(cwd, 'replay', 'review.md')).toBe(read(cwd, 'b1', 'review.md'));
  });

  it('litrev batches lists them with their counts', async () => {
    const r = await runCli(['batches', '--json', ...model()], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const { batches } = jsonOf(r);
    expect(batches.length).toBe(server.batchApi.batches().length);
    for (const b of batches) {
      expect(b).toMatchObject({ status: 'completed', failed: 0 });
      expect(b.completed).toBe(b.total);
      expect(typeof b.stage).toBe('string');
    }
    expect(batches.map((b: { stage: string }) => b.stage)).toContain('classify');
  });
});
