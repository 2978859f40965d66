import { afterEach, describe, expect, it } from 'vitest';
import { fakeReviewer } from '../../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { jsonOf, runCli } from '../../support/run-cli.js';
import { CORPUS, polls, recorded, start, until, workspace } from './support.js';

const ONE_FILE = `${CORPUS}/004_8ff57b83dc1ce018.txt`;

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Ctrl-C during a --batch-api run', () => {
  it('Ctrl-C leaves the batch running and says how to resume; litrev batches lists it and cancels it', async () => {
    server = await startOpenAIServer({ handler: fakeReviewer(), batch: { hold: true } });
    const cwd = workspace();
    const model = ['--base-url', server.url, '--model', 'test-model'];
    const run = start(['review', ONE_FILE, ...model, '--batch-api', '--plain'], cwd);
    await until(() => recorded(cwd).length === 1 && polls(server!, recorded(cwd)[0]!.id) > 0, 'the batch to be polled');
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
