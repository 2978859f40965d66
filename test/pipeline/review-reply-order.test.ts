import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/text/seeded-random.js';
import type { ChatHandler } from '../support/chat-request.js';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, runCli } from '../support/run-cli.js';

/**
 * Replies arrive in whatever order the endpoint answers them, and each is worked on as it comes (a
 * classification batch's quotes are checked at once, the last stages' modules load while the first
 * request is out). None of that may change what is asked or written: two runs whose replies come back
 * in different orders ask the same requests and write the same review, and a replay writes it again.
 *
 * The same holds when the endpoint publishes a small context window: the window is asked for before
 * the first stage forms its batches, and what replies teach in passing (the output per paper, the
 * calibration of the token count) is taken up only when the next stage starts.
 */
let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const read = (...p: string[]) => readFileSync(path.join(...p), 'utf8');
/** Every cache entry and ledger a run left (names are content hashes of what was asked). */
const cacheFiles = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).sort();

/** The fake reviewer, each answer held back a random few milliseconds (seeded): replies come back out of order. */
function shuffledReplies(seed: number): ChatHandler {
  const reviewer = fakeReviewer();
  const random = seededRandom(seed);
  return async (info) => {
    const answer = await reviewer(info);
    return answer && { ...answer, delayMs: Math.floor(random() * 25) };
  };
}

describe('a review whose replies arrive in another order', () => {
  it('asks the same requests and writes a byte-identical review; the replay writes it again with no request', async () => {
    server = await startOpenAIServer({ handler: fakeReviewer() });
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-reply-order-'));
    const corpus = path.resolve(__dirname, '../../examples/corpus');
    const args = ['review', corpus, '--base-url', server.url, '--model', 'test-model', '--concurrency', '8', '--json'];

    const inOrder = await runCli([...args, '--cache-dir', 'cache-a', '--out', 'a'], { cwd });
    expect(inOrder.code, inOrder.stderr).toBe(0);
    expect(jsonOf(inOrder)).toMatchObject({ papers: 411, annotated: 411, failed: 0 });

    server.setHandler(shuffledReplies(7));
    const shuffled = await runCli([...args, '--cache-dir', 'cache-b', '--out', 'b'], { cwd });
    expect(shuffled.code, shuffled.stderr).toBe(0);
    expect(cacheFiles(path.join(cwd, 'cache-b'))).toEqual(cacheFiles(path.join(cwd, 'cache-a')));
    expect(read(cwd, 'b', 'review.md')).toBe(read(cwd, 'a', 'review.md'));

    const sent = server.requests.length;
    const replay = await runCli([...args, '--cache-dir', 'cache-b', '--cache', 'replay', '--out', 'c'], { cwd });
    expect(replay.code, replay.stderr).toBe(0);
    expect(server.requests.length).toBe(sent);
    expect(read(cwd, 'c', 'review.md')).toBe(read(cwd, 'a', 'review.md'));
  }, 60_000);

  it('packs the same batches under a published context window of 6,000 tokens, whatever order replies come in', async () => {
    server = await startOpenAIServer({ handler: fakeReviewer(), publish: 'vllm', publishedWindow: 6000 });
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-reply-order-window-'));
    const corpus = path.resolve(__dirname, '../../examples/corpus');
    const args = ['review', corpus, '--base-url', server.url, '--model', 'test-model', '--concurrency', '8', '--json'];

    const inOrder = await runCli([...args, '--cache-dir', 'cache-a', '--out', 'a'], { cwd });
    expect(inOrder.code, inOrder.stderr).toBe(0);
    expect(jsonOf(inOrder)).toMatchObject({ papers: 411, annotated: 411, failed: 0 });
    const expected = cacheFiles(path.join(cwd, 'cache-a'));
    // Classify batches are sized for the window from the start, not cut down as replies come in.
    const entries = expected.filter((f) => !f.startsWith('ledgers')).map((f) => JSON.parse(read(cwd, 'cache-a', f)) as { stage?: string; request?: { body?: { messages?: { content: string }[] } } });
    const classifyBatches = entries.filter((e) => e.stage === 'classify').map((e) => (e.request?.body?.messages?.at(-1)?.content.match(/<paper id=/g) ?? []).length);
    expect(classifyBatches.reduce((a, b) => a + b, 0)).toBe(411);
    expect(Math.max(...classifyBatches)).toBeLessThan(10);

    // Seeds 1 and 3 asked other classify batches before packing settled per stage.
    for (const seed of [1, 3, 5]) {
      server.setHandler(shuffledReplies(seed));
      const run = await runCli([...args, '--cache-dir', `cache-${seed}`, '--out', `o${seed}`], { cwd });
      expect(run.code, run.stderr).toBe(0);
      expect(cacheFiles(path.join(cwd, `cache-${seed}`)), `seed ${seed}`).toEqual(expected);
      expect(read(cwd, `o${seed}`, 'review.md')).toBe(read(cwd, 'a', 'review.md'));
    }
  }, 90_000);
});
