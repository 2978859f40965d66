import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BatchRouteOptions } from '../../support/batch-routes.js';
import { fakeReviewer } from '../../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { runCli } from '../../support/run-cli.js';

/** Helpers for the tests that run the built CLI with --batch-api against the test server. */
export const ROOT = path.resolve(__dirname, '../../..');
export const CORPUS = path.join(ROOT, 'examples/corpus');

export function workspace(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-batch-resume-'));
  writeFileSync(path.join(cwd, 'litrev.config.json'), JSON.stringify({ batchPollMs: 20 }));
  return cwd;
}

export function start(args: string[], cwd: string) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/litrev.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exit };
}

export async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 1200) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const recorded = (cwd: string): { id: string; status: string }[] => {
  const file = path.join(cwd, 'cache', 'batches.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).batches : [];
};
export const polls = (server: OpenAIServer, id: string) => server.requests.filter((r) => r.method === 'GET' && r.path === `/v1/batches/${id}`).length;


/** A third of the example corpus: enough papers for several classification requests per batch. */
export const ONE_PAGE = path.join(CORPUS, '004_8ff57b83dc1ce018.txt');

/**
 * A --batch-api review of one page of the corpus against a test server with these batch options; the
 * server is handed to `keep` so that the test's afterEach closes it.
 */
export async function batchReview(batch: BatchRouteOptions, keep: (server: OpenAIServer) => void, extra: string[] = []) {
  const server = await startOpenAIServer({ handler: fakeReviewer(), batch });
  keep(server);
  const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-batch-fail-'));
  writeFileSync(path.join(cwd, 'litrev.config.json'), JSON.stringify({ batchPollMs: 20 }));
  const r = await runCli(['review', ONE_PAGE, '--base-url', server.url, '--model', 'test-model', '--batch-api', '--json', '--plain', ...extra], { cwd });
  return { r, batches: server.batchApi.batches(), cwd };
}

/** Whether a batch holds classification requests. */
export const isClassify = (b: { lines: { body: Record<string, unknown> }[] }) => b.lines.some((l) => JSON.stringify(l.body).includes('paper_annotations'));
