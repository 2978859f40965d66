import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIServer, type ChatRequestInfo, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from '../support/run-cli.js';

const CORPUS = path.resolve(__dirname, '../../examples/corpus');

/** Keys and titles of the papers in an answer prompt's <paper> blocks. */
function sourcesIn(prompt: string): { key: string; title: string }[] {
  return [...prompt.matchAll(/<paper id="[^"]*" key="([^"]+)">\n<title>([^<]*)<\/title>/g)].map((m) => ({ key: m[1]!, title: m[2]! }));
}

describe('litrev ask (offline engine)', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'litrev-ask-'));
  });

  it('answers with citations that resolve to corpus papers, as one JSON object', async () => {
    const r = await runCli(['ask', 'Which methods compress the KV cache?', '--in', CORPUS, '--offline', '--json'], { cwd });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(json.engine).toBe('offline');
    expect(json.supported).toBe(true);
    expect(json.citations.length).toBeGreaterThan(0);
    const cited = [...(json.answer as string).matchAll(/\[@([^\]]+)\]/g)].map((m) => m[1]);
    const keys = new Set(json.sources.map((s: { key: string }) => s.key));
    for (const key of cited) {
      expect(keys.has(key)).toBe(true);
      expect(json.citations.map((c: { key: string }) => c.key)).toContain(key);
    }
    expect(json.answer.toLowerCase()).toContain('kv cache');
    expect(json.verification).toMatchObject({ danglingRemoved: 0, numbersUnsupported: 0 });
  });

  it('says "The corpus does not say." for an off-topic question', async () => {
    const r = await runCli(['ask', 'What is the boiling point of mercury?', '--in', CORPUS, '--offline', '--json'], { cwd });
    const json = JSON.parse(r.stdout);
    expect(json.answer).toBe('The corpus does not say.');
    expect(json.supported).toBe(false);
    expect(json.citations).toEqual([]);
  });

  it('streams plain text, then the sources; says on stderr that the offline engine answered', async () => {
    const r = await runCli(['ask', 'How', 'does', 'FairKV', 'balance', 'load', 'across', 'GPUs?', '--in', CORPUS, '--offline'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('litrev: offline engine (--offline was given)');
    expect(r.stdout).toMatch(/^- ".*FairKV.*" \[@[^\]]+\]/);
    expect(r.stdout).toMatch(/\n\nSources:\n {2}\[@[^\]]+\] /);
  });

  it('rejects a bad --top-k and an empty question with exit 2', async () => {
    expect((await runCli(['ask', 'kv', '--in', CORPUS, '--top-k', 'many'], { cwd })).code).toBe(2);
    const empty = await runCli(['ask', '  ', '--in', CORPUS], { cwd });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('the question is empty');
  });

  it('exits 3 with a one-line reason when there is no corpus', async () => {
    const r = await runCli(['ask', 'kv cache', '--offline'], { cwd });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^litrev: no corpus in the workspace/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('litrev ask and chat (through the model)', () => {
  let server: OpenAIServer;
  let cwd: string;
  const prompts: string[] = [];

  /** Answers from the first source in the prompt, and plants a made-up key. */
  function handler(info: ChatRequestInfo) {
    prompts.push(info.lastUser);
    const sources = sourcesIn(info.lastUser);
    const first = sources[0];
    if (!first) return { content: 'The corpus does not say.' };
    return { content: `${first.title} is the closest match [@${first.key}], as also argued elsewhere [@madeup2099; @${first.key}].` };
  }

  beforeAll(async () => {
    server = await startOpenAIServer({ handler });
    cwd = await mkdtemp(path.join(tmpdir(), 'litrev-ask-model-'));
  });
  afterAll(async () => {
    await server?.close();
  });

  const flags = () => ['--in', CORPUS, '--base-url', server.url, '--model', 'test-model', '--cache-dir', path.join(cwd, 'cache')];

  it('streams the model answer with the made-up key removed, from retrieved sources', async () => {
    const r = await runCli(['ask', 'How does FairKV balance load across GPUs?', ...flags()], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('madeup2099');
    expect(r.stdout).toMatch(/is the closest match \[@[^\]]+\], as also argued elsewhere \[@[^\]]+\]\./);
    expect(r.stdout).toContain('Sources:');
    expect(r.stderr).toContain('removed 1 citation(s) of papers not among the sources: madeup2099');
    const prompt = prompts[prompts.length - 1]!;
    expect(prompt).toContain('Question: How does FairKV balance load across GPUs?');
    expect(sourcesIn(prompt).length).toBe(8);
    expect(sourcesIn(prompt).some((s) => /FairKV|KV cache/i.test(s.title))).toBe(true);
    // Streamed as it is written: the request asked for server-sent events.
    expect(server.chatRequests().at(-1)?.body?.stream).toBe(true);
    // Hybrid retrieval: the corpus and the question were embedded through /v1/embeddings.
    expect(server.requests.some((q) => q.path === '/v1/embeddings')).toBe(true);
  });

  it('a reasoning model that thinks aloud before answering (<think>…</think>): neither the stream nor --json shows the thinking', async () => {
    const thinking = await startOpenAIServer({ handler, thinking: true });
    try {
      const args = ['--in', CORPUS, '--base-url', thinking.url, '--model', 'test-model', '--cache-dir', path.join(cwd, 'cache-thinking')];
      const streamedAnswer = await runCli(['ask', 'How does FairKV balance load across GPUs?', ...args], { cwd });
      expect(streamedAnswer.code, streamedAnswer.stderr).toBe(0);
      expect(thinking.chatRequests().at(-1)?.body?.stream).toBe(true);
      expect(streamedAnswer.stdout).not.toMatch(/think|check each/i);
      expect(streamedAnswer.stdout).toMatch(/^\S.* is the closest match \[@[^\]]+\]/);
      const json = JSON.parse((await runCli(['ask', 'What is KV cache compression?', ...args, '--json'], { cwd })).stdout);
      expect(json.answer).not.toMatch(/think/i);
      expect(json.answer).toMatch(/is the closest match/);
    } finally {
      await thinking.close();
    }
  });

  it('--json: one object with engine "model" and only resolvable citations', async () => {
    const r = await runCli(['ask', 'What is KV cache compression?', ...flags(), '--json', '--top-k', '3'], { cwd });
    const json = JSON.parse(r.stdout);
    expect(json.engine).toBe('model');
    expect(json.answer).not.toContain('madeup2099');
    expect(json.removedKeys).toEqual(['madeup2099']);
    expect(json.citations).toHaveLength(1);
    expect(json.sources).toHaveLength(3);
    expect(json.sources.map((s: { key: string }) => s.key)).toContain(json.citations[0].key);
    expect(json.sources[0]).toHaveProperty('embeddingRank');
  });

  it('chat without a terminal answers line by line; the follow-up carries the conversation', async () => {
    prompts.length = 0;
    const r = await runCli(['chat', ...flags()], { cwd, stdin: 'What does FairKV do?\nHow much faster is it?\n/exit\nnever asked\n' });
    expect(r.code).toBe(0);
    expect(prompts).toHaveLength(2);
    expect(prompts[0]).toContain('Conversation so far:\n(none)');
    expect(prompts[1]).toContain('Q: What does FairKV do?\nA: ');
    expect(prompts[1]).toContain('Question: How much faster is it?');
    expect(r.stdout.match(/Sources:/g)).toHaveLength(2);
    expect(r.stdout).not.toContain('madeup2099');
  });
});
