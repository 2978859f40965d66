import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createGateway } from '../../src/model/create-gateway.js';
import { holdReplies } from '../support/hold-replies.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { FAST_RETRY, tempDir, testConfig } from './support/gateway-config.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const Answer = z.object({ label: z.string() });
const ask = (i: number) => ({ stage: 'classify', schemaName: 'answer', schema: Answer, messages: [{ role: 'user' as const, content: `batch ${i}` }], maxTokens: 500 });
const rejected = (s: OpenAIServer) => s.chatRequests().length;

describe('request shapes adapt once, with single flight', () => {
  it('a reasoning model behind a deployment name: 42 parallel batches cost two 400s (max_tokens, temperature), recorded for the next run', async () => {
    server = await startOpenAIServer({ reasoning: true });
    const cwd = tempDir();
    const config = testConfig({ url: server.url, cwd, flags: { concurrency: '8' } });
    const gw = await createGateway(config, { retry: FAST_RETRY });
    const results = await Promise.all(Array.from({ length: 42 }, (_, i) => gw.structured(ask(i))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(rejected(server) - 42).toBe(2);
    const last = server.chatRequests().at(-1)!.body!;
    expect(last.max_completion_tokens).toBe(500);
    expect(last.max_tokens).toBeUndefined();
    expect(last.temperature).toBeUndefined();
    // What the run learned is written in the background; close() waits for it.
    await gw.close();
    const caps = JSON.parse(readFileSync(path.join(config.cacheDir, 'capabilities.json'), 'utf8'));
    expect(Object.values(caps.endpoints)[0]).toMatchObject({ params: { tokensField: 'max_completion_tokens', temperature: false } });
    expect(gw.endpointState?.().adapted).toHaveLength(2);
    // A later run starts adapted: no 400 at all.
    const before = server.chatRequests().length;
    const gw2 = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    expect((await gw2.structured(ask(100))).ok).toBe(true);
    expect(server.chatRequests().length - before).toBe(1);
  });

  it('no json_schema: 42 parallel batches cost one 400', async () => {
    server = await startOpenAIServer({ supports: { jsonSchema: false } });
    const gw = await createGateway(testConfig({ url: server.url, flags: { concurrency: '8' } }), { retry: FAST_RETRY });
    const results = await Promise.all(Array.from({ length: 42 }, (_, i) => gw.structured(ask(i))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(rejected(server)).toBe(43);
    expect(gw.method).toBe('function_calling');
  });

  it('no json_schema and no tools and no json_object: the request fails with the endpoint reason, not a crash', async () => {
    server = await startOpenAIServer({ supports: { jsonSchema: false, tools: false, jsonObject: false } });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    await expect(gw.structured(ask(1))).rejects.toMatchObject({ name: 'ModelRequestError', status: 400 });
    expect(rejected(server)).toBe(3);
  });

  it('JSON in Markdown fences is read', async () => {
    server = await startOpenAIServer({ fencedJson: true, handler: () => ({ json: { label: 'fenced' } }) });
    const gw = await createGateway(testConfig({ url: server.url, flags: { 'structured-method': 'json_mode' } }), { retry: FAST_RETRY });
    expect(await gw.structured(ask(1))).toMatchObject({ ok: true, value: { label: 'fenced' } });
  });

  it('requests that were not adapted keep their cache keys (a replay of an older run stays byte-identical)', async () => {
    server = await startOpenAIServer();
    const cwd = tempDir();
    const gw = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    const first = await gw.structured(ask(7));
    const replay = await createGateway(testConfig({ url: server.url, cwd, flags: { cache: 'replay' } }), { retry: FAST_RETRY });
    expect(await replay.structured(ask(7))).toMatchObject({ ok: true, cached: true, cacheKey: first.cacheKey });
  });

  it('a run adapted to a reasoning model replays from its cache, with or without the capability file', async () => {
    server = await startOpenAIServer({ reasoning: true });
    const cwd = tempDir();
    const gw = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    const first = await gw.structured(ask(3));
    const url = server.url;
    await server.close();
    server = undefined;
    const replay = await createGateway(testConfig({ url, cwd, flags: { cache: 'replay' } }), { retry: FAST_RETRY });
    expect(await replay.structured(ask(3))).toMatchObject({ ok: true, cached: true, cacheKey: first.cacheKey });
  });

  it('a shape the endpoint accepted in an earlier run goes out in a full first wave; one it now refuses is probed again', async () => {
    server = await startOpenAIServer({ latencyMs: 40 });
    const cwd = tempDir();
    const config = testConfig({ url: server.url, cwd, flags: { concurrency: '8' } });
    /** How many of the wave's requests arrived before the first of them was answered. */
    const firstWave = (from: number) => {
      const wave = server!.chatRequests().slice(from);
      const firstAnswer = Math.min(...wave.map((r) => r.answeredAt ?? Number.POSITIVE_INFINITY));
      return wave.filter((r) => r.receivedAt < firstAnswer).length;
    };
    const wave = (gw: Awaited<ReturnType<typeof createGateway>>, from: number) => Promise.all(Array.from({ length: 8 }, (_, i) => gw.structured(ask(from + i))));

    // First run against this endpoint: one request probes the shape alone, then the rest go.
    const fresh = await createGateway(config, { retry: FAST_RETRY });
    expect((await wave(fresh, 0)).every((r) => r.ok)).toBe(true);
    expect(firstWave(0)).toBe(1);
    await fresh.close();
    const caps = JSON.parse(readFileSync(path.join(config.cacheDir, 'capabilities.json'), 'utf8'));
    expect(Object.values(caps.endpoints)[0]).toMatchObject({ accepted: [expect.stringMatching(/^structured: .*temperature.* \(json_schema\)$/)] });

    // The next run remembers that shape: all 8 requests go out at once (the server answers once all 8 are in).
    let before = server.chatRequests().length;
    server.setHandler(holdReplies(8));
    const later = await createGateway(config, { retry: FAST_RETRY });
    expect((await wave(later, 100)).every((r) => r.ok)).toBe(true);
    expect(firstWave(before)).toBe(8);

    // The endpoint now refuses temperature: the remembered wave costs its 400s once, then the shape is adapted and probed.
    server.setHandler((info) => (info.body.temperature !== undefined ? { status: 400, error: { message: "Unsupported parameter: 'temperature' is not supported with this model.", type: 'invalid_request_error', code: 'unsupported_parameter' } } : undefined));
    before = server.chatRequests().length;
    const changed = await createGateway(config, { retry: FAST_RETRY });
    expect((await wave(changed, 200)).every((r) => r.ok)).toBe(true);
    const sent = server.chatRequests().slice(before);
    expect(sent.filter((r) => r.body!.temperature !== undefined).length).toBeLessThanOrEqual(8);
    expect(sent.filter((r) => r.body!.temperature === undefined)).toHaveLength(8);
    await changed.close();
    const after = JSON.parse(readFileSync(path.join(config.cacheDir, 'capabilities.json'), 'utf8'));
    expect(Object.values(after.endpoints)[0]).toMatchObject({ params: { temperature: false }, accepted: [expect.not.stringMatching(/temperature/)] });
  });

  it('json_schema accepted and ignored: two probes alone show it, then the whole wave goes out with tools; nothing is repaired, and the next run starts with tools', async () => {
    // Without the schema the model answers the inner object alone: JSON, but not the schema's shape.
    server = await startOpenAIServer({ ignoreResponseFormat: true, handler: () => ({ json: { answer: { label: 'x' } } }) });
    const Wrapped = z.object({ answer: Answer });
    const askWrapped = (i: number) => ({ ...ask(i), schema: Wrapped });
    const cwd = tempDir();
    const config = testConfig({ url: server.url, cwd });
    const gw = await createGateway(config, { retry: FAST_RETRY });
    const results = await Promise.all(Array.from({ length: 42 }, (_, i) => gw.structured(askWrapped(i))));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const format = (q: { body: Record<string, unknown> | null }) => (q.body!.response_format as { type?: string } | undefined)?.type;
    expect(server.chatRequests().filter((q) => format(q) === 'json_schema')).toHaveLength(2);
    expect(server.chatRequests().filter((q) => q.body!.tools !== undefined)).toHaveLength(42);
    expect(gw.accounting().invalidOutputs ?? 0).toBe(0);
    await gw.close();
    const caps = JSON.parse(readFileSync(path.join(config.cacheDir, 'capabilities.json'), 'utf8'));
    expect(Object.values(caps.endpoints)[0]).toMatchObject({ method: 'function_calling', methods: { json_schema: false } });

    const before = server.chatRequests().length;
    const next = await createGateway(config, { retry: FAST_RETRY });
    expect((await Promise.all(Array.from({ length: 8 }, (_, i) => next.structured(askWrapped(100 + i))))).every((r) => r.ok)).toBe(true);
    expect(server.chatRequests().slice(before).every((q) => q.body!.tools !== undefined)).toBe(true);
  });
});
