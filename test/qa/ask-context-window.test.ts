import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { promptTokensOf } from '../support/server-model-rules.js';
import { runCli } from '../support/run-cli.js';

const CORPUS = path.resolve(__dirname, '../../examples/corpus/002_20efecd0ff240493.txt');
const WINDOW = 1200;

/** `litrev ask` through a model with a small context window: the sources are trimmed to fit it. */
describe('litrev ask with a small context window', () => {
  let server: OpenAIServer;
  let cwd: string;
  beforeAll(async () => {
    server = await startOpenAIServer({ contextWindow: { tokens: WINDOW, mode: 'error' } });
    cwd = await mkdtemp(path.join(tmpdir(), 'litrev-ask-window-'));
  });
  afterAll(() => server.close());
  afterEach(() => vi.unstubAllEnvs());

  it('keeps the best sources that fit, says so once, and sends no prompt over the window', async () => {
    vi.stubEnv('LITREV_CONTEXT_WINDOW', String(WINDOW));
    const r = await runCli(['ask', 'Which methods compress the KV cache?', '--in', CORPUS, '--base-url', server.url, '--model', 'test-model', '--top-k', '8', '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const chats = server.chatRequests();
    expect(chats.length).toBeGreaterThan(0);
    for (const q of chats) expect(promptTokensOf(q.body!.messages as { role: string; content: string }[])).toBeLessThanOrEqual(WINDOW);
    const prompt = (chats.at(-1)!.body!.messages as { content: string }[]).map((m) => m.content).join('\n');
    const blocks = prompt.match(/<paper /g) ?? [];
    expect(blocks.length).toBeGreaterThanOrEqual(1);
    expect(blocks.length).toBeLessThan(8);
    expect(r.stderr.match(/context window is 1,200 tokens: the answer is written from \d+ of 8 sources/g) ?? []).toHaveLength(1);
  });
});
