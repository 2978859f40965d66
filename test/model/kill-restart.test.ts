import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheStats } from '../../src/cache/cache-maintenance.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { tempDir } from './support/gateway-config.js';

const TSX = path.resolve('node_modules/.bin/tsx');
const CHILD = path.resolve('test/model/support/kill-child.ts');

function startChild(url: string, cwd: string, n: number, concurrency: number): { child: ChildProcess; exit: Promise<{ code: number | null; signal: string | null; out: string }> } {
  const child = spawn(TSX, [CHILD, url, cwd, String(n), String(concurrency)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
  return { child, exit };
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const questionOf = (body: Record<string, unknown> | null) => (body?.messages as { content: string }[]).at(-1)!.content;

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('kill -9 in the middle of a run', () => {
  it('the restarted run repeats only the requests that were in flight', async () => {
    const N = 30;
    const ANSWERED = 10;
    const CONCURRENCY = 4;
    // The first ANSWERED requests are answered; later ones hang, as if in flight when the process dies.
    server = await startOpenAIServer({ handler: (info) => (info.index < ANSWERED ? undefined : { hang: true }) });
    const cwd = tempDir();
    const cacheDir = path.join(cwd, 'cache');
    const run1 = startChild(server.url, cwd, N, CONCURRENCY);
    await until(() => server!.chatRequests().length >= ANSWERED + CONCURRENCY, 'requests in flight');
    await until(async () => (await cacheStats(cacheDir)).entries >= ANSWERED, 'answered requests on disk');
    run1.child.kill('SIGKILL');
    const killed = await run1.exit;
    expect(killed.signal).toBe('SIGKILL');
    const firstRun = server.chatRequests().map((r) => questionOf(r.body));
    const inFlight = firstRun.slice(ANSWERED);
    expect(inFlight).toHaveLength(CONCURRENCY);
    expect((await cacheStats(cacheDir)).entries).toBe(ANSWERED);

    server.setHandler(() => undefined);
    const before = server.chatRequests().length;
    const run2 = startChild(server.url, cwd, N, CONCURRENCY);
    const done = await run2.exit;
    expect(done.out).toContain('done');
    expect(done.code).toBe(0);
    const secondRun = server.chatRequests().slice(before).map((r) => questionOf(r.body));
    expect(secondRun).toHaveLength(N - ANSWERED);
    const repeated = secondRun.filter((q) => firstRun.includes(q));
    expect(repeated.sort()).toEqual([...inFlight].sort());
    const stats = await cacheStats(cacheDir, { verify: true });
    expect(stats).toMatchObject({ entries: N, corrupt: 0 });
  });
});
