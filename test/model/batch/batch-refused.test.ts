import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeReviewer } from '../../support/fake-reviewer.js';
import { startOpenAIServer } from '../../support/openai-server.js';
import { listenOnFreshPort } from '../../support/ports.js';
import { jsonOf, runCli } from '../../support/run-cli.js';

const CORPUS = path.resolve(__dirname, '../../../examples/corpus/004_8ff57b83dc1ce018.txt');

describe('an endpoint without the Batch API', () => {
  it('stops the run at once, saying to run without --batch-api', async () => {
    const bare = createServer((req, res) => {
      req.resume();
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Not Found', type: 'invalid_request_error' } }));
    });
    const port = await listenOnFreshPort(bare);
    try {
      const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-batch-none-'));
      const url = `http://127.0.0.1:${port}/v1`;
      const r = await runCli(['review', CORPUS, '--base-url', url, '--model', 'test-model', '--batch-api', '--json'], { cwd });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/has no Batch API .*HTTP 404/);
      expect(r.stderr).toMatch(/run without --batch-api/);
    } finally {
      await new Promise<void>((resolve) => bare.close(() => resolve()));
    }
  });
});

describe('a batch the provider refuses as a whole', () => {
  it('(its queue is full) is submitted again after a wait, and the run completes', async () => {
    const server = await startOpenAIServer({
      handler: fakeReviewer(),
      batch: { failBatch: (b) => (b.batchIndex === 0 ? { code: 'token_limit_exceeded', message: 'Enqueued token limit reached for test-model' } : null) },
    });
    try {
      const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-batch-refused-'));
      writeFileSync(path.join(cwd, 'litrev.config.json'), JSON.stringify({ batchPollMs: 20 }));
      const r = await runCli(['review', CORPUS, '--base-url', server.url, '--model', 'test-model', '--batch-api', '--json'], { cwd });
      expect(r.code, r.stderr).toBe(0);
      expect(jsonOf(r).annotated).toBe(jsonOf(r).papers);
      const [refused, again] = server.batchApi.batches();
      expect(refused!.batch).toMatchObject({ status: 'failed', errors: { data: [{ code: 'token_limit_exceeded' }] } });
      expect(again!.lines.map((l) => l.custom_id)).toEqual(refused!.lines.map((l) => l.custom_id));
      expect(server.chatRequests()).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
