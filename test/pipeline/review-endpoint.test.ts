import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { startOpenAIServer, unreachableURL } from '../support/openai-server.js';
import { runCli } from '../support/run-cli.js';

const PAPERS = [
  { title: 'Sparse attention kernels', abstract: 'Attention is slow. We propose sparse kernels with a 3x speedup on long sequences.' },
  { title: 'Quantized caches', abstract: 'Caches are large. We quantize them to 4 bits and keep 99% of the accuracy.' },
  { title: 'Speculative decoding', abstract: 'Decoding is sequential. We draft tokens with a small model and verify them, 2x faster.' },
];

function workspace(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-review-endpoint-'));
  writeFileSync(path.join(cwd, 'papers.jsonl'), PAPERS.map((p) => JSON.stringify(p)).join('\n'));
  return cwd;
}

describe('a review against endpoints that behave like real ones', () => {
  it('a reasoning model behind a rate limit: annotated, the wait announced in the plain lines, the adapted shape and limits in run.json', async () => {
    const fake = fakeReviewer();
    let n = 0;
    const server = await startOpenAIServer({ reasoning: true, handler: (info) => (n++ === 0 ? { status: 429, headers: { 'retry-after': '1' } } : fake(info)) });
    const cwd = workspace();
    try {
      const r = await runCli(['review', 'papers.jsonl', '--base-url', server.url, '--model', 'test-model', '--plain', '--out', 'out'], { cwd });
      expect(r.code, r.stderr).toBe(0);
      expect(`${r.stdout}${r.stderr}`).toMatch(/waiting for the rate limit until \d\d:\d\d:\d\d/);
      const manifest = JSON.parse(readFileSync(path.join(cwd, 'out', 'run.json'), 'utf8'));
      expect(manifest.counts).toMatchObject({ papers: 3, annotated: 3, failed: 0 });
      expect(manifest.limits).toMatchObject({ model: 'test-model', params: { temperature: false }, rateLimits: { rateLimited: 1 } });
      expect(manifest.limits.adapted.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('a dead endpoint: exit 2, one "cannot reach" line, no failure line per paper', async () => {
    const url = await unreachableURL();
    const cwd = workspace();
    const r = await runCli(['review', 'papers.jsonl', '--base-url', url, '--model', 'test-model', '--plain', '--out', 'out'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/v1: .*run `litrev doctor`/);
    expect(`${r.stdout}${r.stderr}`.match(/cannot reach/g)).toHaveLength(1);
  });

  it('a proxy that never answers the metadata routes (models list, /props): the review goes on after the discovery deadline', async () => {
    // Without its own deadline the window discovery would hold every request for the whole request timeout (120 s).
    const server = await startOpenAIServer({ handler: fakeReviewer(), hangRoutes: ['GET /v1/models', 'GET /props'] });
    const cwd = workspace();
    try {
      const r = await runCli(['review', 'papers.jsonl', '--base-url', server.url, '--model', 'test-model', '--json', '--out', 'out'], { cwd });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ papers: 3, annotated: 3, failed: 0 });
      expect(server.requests.map((q) => `${q.method} ${q.path}`)).toEqual(expect.arrayContaining(['GET /v1/models', 'GET /props']));
    } finally {
      await server.close();
    }
  }, 30_000);

  it('a reasoning model that writes <think>…</think> (braces and brackets in it) before its JSON: every paper annotated with no repair request', async () => {
    const counts: number[] = [];
    for (const thinking of [false, true]) {
      const server = await startOpenAIServer({ handler: fakeReviewer(), thinking });
      const cwd = workspace();
      try {
        const r = await runCli(['review', 'papers.jsonl', '--base-url', server.url, '--model', 'test-model', '--json', '--out', 'out'], { cwd });
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout)).toMatchObject({ papers: 3, annotated: 3, failed: 0 });
        counts.push(server.chatRequests().length);
      } finally {
        await server.close();
      }
    }
    expect(counts[1]).toBe(counts[0]);
  });

  it('an endpoint that accepts json_schema and ignores it (Anthropic compatibility layer): after two replies off the schema, tools carry it', async () => {
    const server = await startOpenAIServer({ handler: fakeReviewer(), ignoreResponseFormat: true });
    const cwd = workspace();
    try {
      const r = await runCli(['review', 'papers.jsonl', '--base-url', server.url, '--model', 'test-model', '--plain', '--out', 'out'], { cwd });
      expect(r.code, r.stderr).toBe(0);
      expect(`${r.stdout}${r.stderr}`).toMatch(/structured output through function_calling: the endpoint accepts json_schema but does not hold its replies to it/);
      const run = JSON.parse(readFileSync(path.join(cwd, 'out', 'run.json'), 'utf8'));
      expect(run.counts).toMatchObject({ annotated: 3, failed: 0 });
      const chats = server.chatRequests();
      expect(chats.filter((q) => (q.body!.response_format as { type?: string } | undefined)?.type === 'json_schema').length).toBeLessThanOrEqual(3);
      expect(chats.at(-1)!.body!.tools).toBeDefined();
      // The next run starts with tools.
      const caps = JSON.parse(readFileSync(path.join(cwd, 'cache', 'capabilities.json'), 'utf8'));
      expect(Object.values(caps.endpoints)[0]).toMatchObject({ method: 'function_calling', methods: { json_schema: false } });
    } finally {
      await server.close();
    }
  });
});
