import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchRouteOptions } from '../../support/batch-routes.js';
import { fakeReviewer } from '../../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { jsonOf, runCli } from '../../support/run-cli.js';

/** A third of the example corpus: enough papers for several classification requests per batch. */
const CORPUS = path.resolve(__dirname, '../../../examples/corpus/004_8ff57b83dc1ce018.txt');

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function review(batch: BatchRouteOptions, extra: string[] = []) {
  server = await startOpenAIServer({ handler: fakeReviewer(), batch });
  const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-batch-fail-'));
  writeFileSync(path.join(cwd, 'litrev.config.json'), JSON.stringify({ batchPollMs: 20 }));
  const r = await runCli(['review', CORPUS, '--base-url', server.url, '--model', 'test-model', '--batch-api', '--json', '--plain', ...extra], { cwd });
  return { r, batches: server.batchApi.batches(), cwd };
}

const isClassify = (b: { lines: { body: Record<string, unknown> }[] }) => b.lines.some((l) => JSON.stringify(l.body).includes('paper_annotations'));

describe('batch lines that keep failing', () => {
  it('--batch-fallback sync finishes unanswered lines with synchronous requests', async () => {
    const { r, batches } = await review({ expireAfter: (b) => (b.batchIndex === 0 ? 2 : null) }, ['--batch-fallback', 'sync']);
    expect(r.code, r.stderr).toBe(0);
    expect(jsonOf(r).annotated).toBe(jsonOf(r).papers);
    const unanswered = batches[0]!.lines.length - 2;
    expect(server!.chatRequests()).toHaveLength(unanswered);
    expect(jsonOf(r).calls).toBe(batches.reduce((n, b) => n + b.lines.length, 0) + unanswered);
    expect(batches.filter(isClassify)).toHaveLength(1);
  });

  it('a line that keeps failing fails its papers after --max-retries more batches, recorded with the reason', async () => {
    const { r, batches } = await review({ failLine: (l) => (isClassify({ lines: [l] }) && l.lineIndex === 0 ? { status: 503, message: 'overloaded' } : null) }, ['--max-retries', '1']);
    expect(r.code).toBe(1);
    const s = jsonOf(r);
    expect(s.failed).toBeGreaterThan(0);
    expect(s.annotated + s.failed).toBe(s.papers);
    expect(batches.filter(isClassify)).toHaveLength(2);
  });
});
