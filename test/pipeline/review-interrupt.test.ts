import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, runCli } from '../support/run-cli.js';

/**
 * Ctrl-C in the middle of a review: the built CLI stops with exit 130 and one line, the answers
 * that arrived are in the cache, and the re-run only asks for what is missing.
 */
const ROOT = path.resolve(__dirname, '../..');
const INPUT = path.join(ROOT, 'examples/corpus/004_8ff57b83dc1ce018.txt');

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ latencyMs: 100, handler: fakeReviewer() });
});
afterAll(() => server.close());

describe('interrupting a review', () => {
  it('exits 130 cleanly, keeps what completed, and the re-run sends only the rest', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-interrupt-'));
    const args = ['review', INPUT, '--base-url', server.url, '--model', 'test-model', '--batch-size', '2', '--concurrency', '2', '--json'];
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/litrev.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait (bounded) until some classification answers have come back, then press Ctrl-C.
    for (let i = 0; i < 400 && server.chatRequests().length < 6; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    // The one line says how to resume, with the number of answers the re-run will find in the cache.
    expect(stderr.trim().split('\n').at(-1)).toMatch(/^litrev: interrupted; re-run the same command to resume: \d+ answers? (is|are) cached$/);
    const firstRun = server.chatRequests().length;
    expect(firstRun).toBeGreaterThanOrEqual(6);

    const rerun = await runCli(args, { cwd });
    expect(rerun.code, rerun.stderr).toBe(0);
    const summary = jsonOf(rerun);
    expect(summary.annotated).toBe(summary.papers);
    expect(summary.cacheHits).toBeGreaterThan(0);
  });
});
