import { afterEach, describe, expect, it } from 'vitest';
import { fakeReviewer } from '../../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server.js';
import { CORPUS, polls, recorded, start, until, workspace } from './support.js';

/**
 * The built CLI with --batch-api, killed while its batch runs at the provider: the same command run
 * again re-attaches to the batch instead of paying for a new one.
 */
let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('--batch-api across processes', () => {
  it('a run killed while its batch runs re-attaches to it when run again: no second batch for that stage', async () => {
    server = await startOpenAIServer({ handler: fakeReviewer(), batch: { hold: true } });
    const cwd = workspace();
    const args = ['review', CORPUS, '--base-url', server.url, '--model', 'test-model', '--batch-api', '--json', '--out', 'run'];
    const first = start(args, cwd);
    await until(() => recorded(cwd).length === 1 && polls(server!, recorded(cwd)[0]!.id) > 0, 'the first batch to be recorded and polled');
    first.child.kill('SIGKILL');
    expect((await first.exit).signal).toBe('SIGKILL');
    const [batch] = recorded(cwd);
    expect(server.batchApi.batches()).toHaveLength(1);

    const pollsBefore = polls(server!, batch!.id);
    const second = start(args, cwd);
    await until(() => polls(server!, batch!.id) > pollsBefore, 'the re-run to poll the same batch');
    server.batchApi.release();
    const done = await second.exit;
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ papers: 411, annotated: 411, failed: 0 });
    const classify = server.batchApi.batches().filter((b) => b.lines.some((l) => JSON.stringify(l.body).includes('paper_annotations')));
    expect(classify.map((b) => b.batch.id)).toEqual([batch!.id]);
    expect(server.chatRequests()).toHaveLength(0);
  });

});
