import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createGateway } from '../../src/model/create-gateway.js';
import { holdReplies } from '../support/hold-replies.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { FAST_RETRY, tempDir, testConfig } from '../model/support/gateway-config.js';
import { runCli } from '../support/run-cli.js';

let server: OpenAIServer | undefined;
beforeEach(() => {
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'LITREV_MODEL', 'LITREV_OFFLINE', 'LITREV_STRUCTURED_METHOD', 'LITREV_CACHE_DIR']) vi.stubEnv(name, '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

const MODELS = ['test-model', 'text-embedding-3-small'];

describe('litrev doctor', () => {
  it('without a model configured: says the offline engine is in use and exits 0', async () => {
    const r = await runCli(['doctor'], { cwd: tempDir() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/offline/);
    const j = await runCli(['doctor', '--json'], { cwd: tempDir() });
    expect(JSON.parse(j.stdout)).toMatchObject({ engine: 'offline', ok: true });
  });

  it('all methods on: everything works, json_schema is used and remembered', async () => {
    server = await startOpenAIServer({ models: MODELS });
    const cwd = tempDir();
    const r = await runCli(['doctor', '--base-url', server.url, '--model', 'test-model', '--json'], { cwd });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      engine: 'model',
      endpoint: server.url,
      reachable: true,
      keyAccepted: true,
      modelListed: true,
      method: 'json_schema',
      ok: true,
      probes: { json_schema: { ok: true }, function_calling: { ok: true }, json_mode: { ok: true }, streaming: { ok: true }, embeddings: { ok: true } },
    });
    expect(report.capabilityFile).toBe(path.join(cwd, 'cache', 'capabilities.json'));
    const paths = server.requests.map((q) => `${q.method} ${q.path}`);
    expect(paths).toContain('GET /v1/models');
    expect(paths).toContain('POST /v1/embeddings');
    expect(server.chatRequests().some((q) => q.body!.stream === true)).toBe(true);
  });

  it('a run after doctor sends its first wave together: the request shape doctor saw accepted needs no probe', async () => {
    server = await startOpenAIServer({ models: MODELS, latencyMs: 40 });
    const cwd = tempDir();
    const r = await runCli(['doctor', '--base-url', server.url, '--model', 'test-model', '--json'], { cwd });
    expect(r.code).toBe(0);
    const caps = JSON.parse(readFileSync(path.join(cwd, 'cache', 'capabilities.json'), 'utf8'));
    expect(Object.values(caps.endpoints)).toEqual([expect.objectContaining({ source: 'doctor', accepted: [expect.stringMatching(/^structured: .* \(json_schema\)$/)] })]);
    const before = server.chatRequests().length;
    server.setHandler(holdReplies(8));
    const gw = await createGateway(testConfig({ url: server.url, cwd, flags: { concurrency: '8' } }), { retry: FAST_RETRY });
    const Label = z.object({ label: z.string() });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => gw.structured({ stage: 'classify', schemaName: 'answer', schema: Label, messages: [{ role: 'user', content: `batch ${i}` }] })));
    expect(results.every((x) => x.ok)).toBe(true);
    const wave = server.chatRequests().slice(before);
    const firstAnswer = Math.min(...wave.map((q) => q.answeredAt ?? Number.POSITIVE_INFINITY));
    expect(wave.filter((q) => q.receivedAt < firstAnswer)).toHaveLength(8);
  });

  it('json_schema rejected: falls back to function calling, and a run starts with it', async () => {
    server = await startOpenAIServer({ models: MODELS, supports: { jsonSchema: false } });
    const cwd = tempDir();
    const r = await runCli(['doctor', '--base-url', server.url, '--model', 'test-model'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✗ json_schema \(strict\): rejected \(HTTP 400/);
    expect(r.stdout).toMatch(/✓ function calling/);
    expect(r.stdout).toMatch(/structured output will use function_calling/);
    const caps = JSON.parse(readFileSync(path.join(cwd, 'cache', 'capabilities.json'), 'utf8'));
    expect(Object.values(caps.endpoints)).toEqual([expect.objectContaining({ method: 'function_calling', source: 'doctor', methods: { json_schema: false, function_calling: true, json_mode: true } })]);
    const gw = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    expect(gw.method).toBe('function_calling');
  });

  it('only json_mode works: json_mode is chosen', async () => {
    server = await startOpenAIServer({ models: MODELS, supports: { jsonSchema: false, tools: false, streaming: false, embeddings: false } });
    const r = await runCli(['doctor', '--base-url', server.url, '--model', 'test-model', '--json'], { cwd: tempDir() });
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ method: 'json_mode', ok: true, probes: { streaming: { ok: false }, embeddings: { ok: false } } });
    expect(r.code).toBe(0);
  });

  it('an unreachable endpoint exits 2', async () => {
    server = await startOpenAIServer();
    const url = server.url;
    await server.close();
    server = undefined;
    const r = await runCli(['doctor', '--base-url', url, '--json'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ reachable: false, ok: false, problems: [expect.stringMatching(/cannot reach/)] });
  });

  it('a rejected key exits 2 and says so', async () => {
    server = await startOpenAIServer({ apiKey: 'the-right-key' });
    vi.stubEnv('OPENAI_API_KEY', 'a-wrong-key');
    const r = await runCli(['doctor', '--base-url', server.url], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/✗ API key accepted/);
    expect(r.stdout).toMatch(/401/);
  });

  it('a model the endpoint does not have exits 2', async () => {
    server = await startOpenAIServer({ models: ['other-model'] });
    const r = await runCli(['doctor', '--base-url', server.url, '--model', 'missing-model', '--json'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ modelListed: false, method: null, ok: false });
    expect(report.problems.join(' ')).toMatch(/missing-model/);
  });
});
