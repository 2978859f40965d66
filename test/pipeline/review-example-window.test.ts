import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, runCli } from '../support/run-cli.js';

/** The example corpus through Ollama's default: a 4,096-token window that silently keeps the tail of longer prompts. */
let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const read = (...p: string[]) => readFileSync(path.join(...p), 'utf8');

describe('a review of the example corpus through a small context window', () => {
  it("the example corpus (Ollama's default 4,096 tokens): all 411 papers annotated, exit 0, replay identical", async () => {
    server = await startOpenAIServer({ handler: fakeReviewer(), contextWindow: { tokens: 4096, mode: 'truncate' } });
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-window-example-'));
    const corpus = path.resolve(__dirname, '../../examples/corpus');
    const args = ['review', corpus, '--base-url', server.url, '--model', 'test-model', '--json'];
    const r = await runCli([...args, '--out', 'a'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(jsonOf(r)).toMatchObject({ papers: 411, annotated: 411, failed: 0 });
    const sent = server.chatRequests().length;
    const replay = await runCli([...args, '--cache', 'replay', '--out', 'b'], { cwd });
    expect(replay.code, replay.stderr).toBe(0);
    expect(server.chatRequests().length).toBe(sent);
    expect(read(cwd, 'b', 'review.md')).toBe(read(cwd, 'a', 'review.md'));
  });
});
