import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheStats } from '../../src/cache/cache-maintenance.js';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';

/**
 * Real signals on a spawned litrev: the first SIGTERM or Ctrl-C aborts the work, including requests in
 * flight (the replies that completed stay cached), and the process leaves with 143 or 130 instead of
 * waiting for the endpoint or finishing the review.
 */
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/litrev.js');
const ONE = path.join(ROOT, 'examples/corpus/004_8ff57b83dc1ce018.txt');

interface Child {
  pid: number;
  stderr: () => string;
  exited: Promise<{ code: number | null; at: number }>;
  kill(signal: NodeJS.Signals): void;
}

function start(args: string[], cwd: string): Child {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.on('exit', (code) => resolve({ code, at: Date.now() })));
  return { pid: child.pid!, stderr: () => stderr, exited, kill: (s) => child.kill(s) };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('signals during a model review', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s aborts the requests in flight, keeps the completed replies and exits %i', async (signal, code) => {
    const ANSWERED = 3;
    const reviewer = fakeReviewer();
    server = await startOpenAIServer({ handler: (info) => (info.index < ANSWERED ? reviewer(info) : { hang: true }) });
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-signal-'));
    const cacheDir = path.join(cwd, 'cache');
    const run = start(['review', ONE, '--base-url', server.url, '--model', 'test-model', '--batch-size', '2', '--concurrency', '2', '--cache-dir', cacheDir, '--plain'], cwd);
    await until(() => server!.chatRequests().length >= ANSWERED + 2, 'requests in flight');
    await until(async () => (await cacheStats(cacheDir)).entries >= ANSWERED, 'completed replies in the cache');
    run.kill(signal);
    // The replies in flight never come: litrev exits without them (waiting for them would never end).
    const { code: exitCode } = await run.exited;
    expect(exitCode).toBe(code);
    expect(run.stderr().trim().split('\n').at(-1)).toBe(`litrev: interrupted; re-run the same command to resume: ${ANSWERED} answers are cached`);
    expect(await cacheStats(cacheDir)).toMatchObject({ entries: ANSWERED, corrupt: 0 });
  });
});

describe('signals during an offline review', () => {
  it('SIGTERM stops a long offline review with 143 and writes no run', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-signal-offline-'));
    const words = ['graph', 'neural', 'sparse', 'retrieval', 'attention', 'cache', 'quantization', 'memory', 'training', 'robust', 'vision', 'speech'];
    const lines = Array.from({ length: 1000 }, (_, i) => {
      const [a, b, c] = [words[i % 12], words[(i * 7) % 12], words[(i * 5 + 3) % 12]];
      return JSON.stringify({
        title: `${a} ${b} for ${c}: method ${i}`,
        abstract: `We propose ${a}-${i}, a ${b} approach to ${c}. It improves accuracy by ${(i % 50) + 1}.${i % 10}% on benchmark ${i % 30}. Our ${b} model lowers cost in setting ${i}.`,
        authors: [`Author${i % 300}, A.`],
        year: 2015 + (i % 10),
      });
    });
    const input = path.join(cwd, 'papers.jsonl');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const out = path.join(cwd, 'run');
    const run = start(['review', input, '--offline', '--plain', '--out', out], cwd);
    await until(() => run.stderr().includes('[classify] started'), 'the classify stage');
    run.kill('SIGTERM');
    const { code } = await run.exited;
    expect(code).toBe(143);
    expect(run.stderr()).toContain('litrev: interrupted');
    expect(run.stderr()).not.toMatch(/^done in/m);
    expect(existsSync(path.join(out, 'run.json'))).toBe(false);
  }, 120_000);
});
