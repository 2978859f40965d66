import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OpenAIServer } from '../../support/openai-server.js';

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

