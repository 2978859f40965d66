import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeReviewer } from '../../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { jsonOf, runCli } from '../../support/run-cli.js';

/**
 * The built CLI with --batch-api, killed or interrupted while its batch runs at the provider:
 * the same command run again re-attaches to the batch instead of paying for a new one.
 */
const ROOT = path.resolve(__dirname, '../../..');
const CORPUS = path.join(ROOT, 'examples/corpus');
const ONE_FILE = path.join(CORPUS, '004_8ff57b83dc1ce018.txt');

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function workspace(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-batch-resume-'));
  writeFileSync(path.join(cwd, 'litrev.config.json'), JSON.stringify({ batchPollMs: 20 }));
  return cwd;
}

function start(args: string[], cwd: string) {
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

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 1200) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const recorded = (cwd: string): { id: string; status: string }[] => {
  const file = path.join(cwd, 'cache', 'batches.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).batches : [];
};
const polls = (id: string) => server!.requests.filter((r) => r.method === 'GET' && r.path === `/v1/batches/${id}`).length;

describe('--batch-api across processes', () => {
  it('a run killed while its batch runs re-attaches to it when run again: no second batch for that stage', async () => {
    server = await startOpenAIServer({ handler: fakeReviewer(), batch: { hold: true } });
    const cwd = workspace();
    const args = ['review', CORPUS, '--base-url', server.url, '--model', 'test-model', '--batch-api', '--json', '--out', 'run'];
    const first = start(args, cwd);
    await until(() => recorded(cwd).length === 1 && polls(recorded(cwd)[0]!.id) > 0, 'the first batch to be recorded and polled');
    first.child.kill('SIGKILL');
    expect((await first.exit).signal).toBe('SIGKILL');
    const [batch] = recorded(cwd);
    expect(server.batchApi.batches()).toHaveLength(1);

    const pollsBefore = polls(batch!.id);
    const second = start(args, cwd);
    await until(() => polls(batch!.id) > pollsBefore, 'the re-run to poll the same batch');
    server.batchApi.release();
    const done = await second.exit;
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ papers: 411, annotated: 411, failed: 0 });
    const classify = server.batchApi.batches().filter((b) => b.lines.some((l) => JSON.stringify(l.body).includes('paper_annotations')));
    expect(classify.map((b) => b.batch.id)).toEqual([batch!.id]);
    expect(server.chatRequests()).toHaveLength(0);
  });

  it('Ctrl-C leaves the batch running and says how to resume; litrev batches lists it and cancels it', async () => {
    server = await startOpenAIServer({ handler: fakeReviewer(), batch: { hold: true } });
    const cwd = workspace();
    const model = ['--base-url', server.url, '--model', 'test-model'];
    const run = start(['review', ONE_FILE, ...model, '--batch-api', '--plain'], cwd);
    await until(() => recorded(cwd).length === 1 && polls(recorded(cwd)[0]!.id) > 0, 'the batch to be polled');
    run.child.kill('SIGINT');
    const { code, stderr } = await run.exit;
    const [batch] = recorded(cwd);
    expect(code).toBe(130);
    expect(stderr).toContain(`batch ${batch!.id} (classify): in_progress`);
    expect(stderr).toMatch(new RegExp(`interrupted; batch ${batch!.id} keeps running.*same command again.*litrev batches`));
    expect(server.batchApi.batches()[0]!.batch.status).toBe('in_progress');

    const listed = await runCli(['batches', '--json', ...model], { cwd });
    expect(listed.code, listed.stderr).toBe(0);
    expect(jsonOf(listed).batches).toEqual([expect.objectContaining({ id: batch!.id, stage: 'classify', status: 'in_progress', completed: 0, failed: 0 })]);
    const cancelled = await runCli(['batches', 'cancel', batch!.id, '--json', ...model], { cwd });
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(['cancelling', 'cancelled']).toContain(jsonOf(cancelled).batch.status);
    await until(() => server!.batchApi.batches()[0]!.batch.status === 'cancelled', 'the provider to cancel the batch');
  });
});
