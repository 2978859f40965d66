import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, runCli } from '../support/run-cli.js';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { promptTokensOf } from '../support/server-model-rules.js';

/**
 * Reviews through an endpoint with a small context window and an output cap, through the real
 * client and HTTP: every paper is annotated, the run exits 0, says once what the limits do, and a
 * replay from the cache writes the same review.
 */
const CORPUS = path.resolve(__dirname, '../../examples/corpus/004_8ff57b83dc1ce018.txt');
const PAPERS = 59;

let server: OpenAIServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

async function review(cwd: string, out: string, extra: string[] = []) {
  const r = await runCli(['review', CORPUS, '--base-url', server!.url, '--model', 'test-model', '--json', '--out', out, ...extra], { cwd });
  return { ...r, summary: r.stdout.trim() ? jsonOf(r) : null };
}

const read = (...p: string[]) => readFileSync(path.join(...p), 'utf8');

describe('a review through a model with a small context window', () => {
  it('configured window (LITREV_CONTEXT_WINDOW): no request over the window, every paper annotated, replay identical', async () => {
    server = await startOpenAIServer({ handler: fakeReviewer(), contextWindow: { tokens: 3072, mode: 'error' } });
    vi.stubEnv('LITREV_CONTEXT_WINDOW', '3072');
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-window-config-'));
    const r = await review(cwd, 'a');
    expect(r.code, r.stderr).toBe(0);
    expect(r.summary).toMatchObject({ papers: PAPERS, annotated: PAPERS, failed: 0 });
    const over = server.chatRequests().filter((q) => promptTokensOf(q.body!.messages as { role: string; content: string }[]) > 3072);
    expect(over).toHaveLength(0);
    const warnings: string[] = r.summary.warnings;
    const limitWarnings = warnings.filter((w) => /context window is 3,072 tokens/.test(w));
    expect(limitWarnings).toHaveLength(1);
    expect(limitWarnings[0]).toMatch(/batches of \d+ papers?; for Ollama raise it with OLLAMA_CONTEXT_LENGTH or num_ctx/);

    const sent = server.chatRequests().length;
    const replay = await review(cwd, 'b', ['--cache', 'replay']);
    expect(replay.code, replay.stderr).toBe(0);
    expect(server.chatRequests().length).toBe(sent);
    expect(read(cwd, 'b', 'review.md')).toBe(read(cwd, 'a', 'review.md'));
  });

  it('unknown window, 400 context_length_exceeded: batches are packed again and every paper is annotated', async () => {
    server = await startOpenAIServer({ handler: fakeReviewer(), contextWindow: { tokens: 2048, mode: 'error' } });
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-window-400-'));
    const r = await review(cwd, 'a');
    expect(r.code, r.stderr).toBe(0);
    expect(r.summary).toMatchObject({ papers: PAPERS, annotated: PAPERS, failed: 0 });
    // Requests over the window: at most the ones in flight when the first 400 taught the window.
    const over = server.chatRequests().filter((q) => promptTokensOf(q.body!.messages as { role: string; content: string }[]) > 2048);
    expect(over.length).toBeGreaterThan(0);
    expect(over.length).toBeLessThanOrEqual(8);
    const warnings: string[] = r.summary.warnings;
    expect(warnings.filter((w) => /^classify batches of \d+ papers? to fit a context window of 2,048 tokens$/.test(w))).toHaveLength(1);

    const sent = server.chatRequests().length;
    const replay = await review(cwd, 'b', ['--cache', 'replay']);
    expect(replay.code, replay.stderr).toBe(0);
    expect(server.chatRequests().length).toBe(sent);
    expect(read(cwd, 'b', 'review.md')).toBe(read(cwd, 'a', 'review.md'));
  });

  it('an output cap: cut-off batch replies are packed again, no paper is lost', async () => {
    server = await startOpenAIServer({ handler: fakeReviewer(), outputCap: { tokens: 700 } });
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-output-cap-'));
    const r = await review(cwd, 'a');
    expect(r.code, r.stderr).toBe(0);
    expect(r.summary).toMatchObject({ papers: PAPERS, annotated: PAPERS, failed: 0 });
    const warnings: string[] = r.summary.warnings;
    expect(warnings.filter((w) => /replies are capped at 700 tokens/.test(w))).toHaveLength(1);
    expect(warnings.filter((w) => /^classify batches of \d+ papers? to fit replies capped at 700 tokens$/.test(w))).toHaveLength(1);

    const sent = server.chatRequests().length;
    const replay = await review(cwd, 'b', ['--cache', 'replay']);
    expect(replay.code, replay.stderr).toBe(0);
    expect(server.chatRequests().length).toBe(sent);
    expect(read(cwd, 'b', 'review.md')).toBe(read(cwd, 'a', 'review.md'));
  });
});

describe('a review through a model that silently keeps only the tail of a long prompt', () => {
  it('annotates every paper and exits 0', async () => {
    server = await startOpenAIServer({ handler: fakeReviewer(), contextWindow: { tokens: 2048, mode: 'truncate' } });
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-window-truncate-'));
    const r = await review(cwd, 'a');
    expect(r.code, r.stderr).toBe(0);
    expect(r.summary).toMatchObject({ papers: PAPERS, annotated: PAPERS, failed: 0 });
    // Prompts the model saw only in part: at most the ones in flight when the first one showed it.
    expect(server.truncatedPrompts).toBeGreaterThan(0);
    expect(server.truncatedPrompts).toBeLessThanOrEqual(8);
  });
});

describe('an abstract too long for the context window on its own', () => {
  it('is cut to fit, with a warning naming the paper, and the paper is annotated', async () => {
    server = await startOpenAIServer({ handler: fakeReviewer(), contextWindow: { tokens: 2048, mode: 'error' } });
    vi.stubEnv('LITREV_CONTEXT_WINDOW', '2048');
    const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-window-long-'));
    const long = Array.from({ length: 400 }, (_, i) => `Sentence ${i + 1} describes the method in more detail than any model can read at once.`).join(' ');
    const records = [
      { title: 'An Endless Abstract About Attention', abstract: long, authors: ['Ada Lovelace'], year: 2024 },
      { title: 'A Short Paper on Quantization', abstract: 'We quantize weights to 4 bits. Memory drops by 3.5x with no loss of accuracy.', authors: ['Alan Turing'], year: 2023 },
      { title: 'Another Short Paper on Caches', abstract: 'We compress the KV cache. Throughput improves by 2.1x on long prompts.', authors: ['Grace Hopper'], year: 2025 },
    ];
    writeFileSync(path.join(cwd, 'corpus.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
    const r = await runCli(['review', 'corpus.jsonl', '--base-url', server.url, '--model', 'test-model', '--json', '--out', 'a'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const summary = jsonOf(r);
    expect(summary).toMatchObject({ papers: 3, annotated: 3, failed: 0 });
    const cut = (summary.warnings as string[]).filter((w) => /too long for the model's context window on its own; its abstract was cut to fit/.test(w));
    expect(cut).toHaveLength(1);
    expect(cut[0]).toMatch(/^lovelace2024/);
    for (const q of server.chatRequests()) expect(promptTokensOf(q.body!.messages as { role: string; content: string }[])).toBeLessThanOrEqual(2048);

    const sent = server.chatRequests().length;
    const replay = await runCli(['review', 'corpus.jsonl', '--base-url', server.url, '--model', 'test-model', '--json', '--out', 'b', '--cache', 'replay'], { cwd });
    expect(replay.code, replay.stderr).toBe(0);
    expect(server.chatRequests().length).toBe(sent);
    expect(read(cwd, 'b', 'review.md')).toBe(read(cwd, 'a', 'review.md'));
  });
});
