import { afterEach, describe, expect, it } from 'vitest';
import { CacheMissError } from '../../src/errors.js';
import { createGateway } from '../../src/model/create-gateway.js';
import { embeddingOf, startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { FAST_RETRY, tempDir, testConfig } from './support/gateway-config.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('text', () => {
  it('streams tokens through onToken, with usage from the final chunk, and replays them from the cache', async () => {
    server = await startOpenAIServer({ handler: () => ({ content: 'A streamed answer with several chunks of text.', usage: { prompt_tokens: 11, completion_tokens: 9 } }) });
    const cwd = tempDir();
    const gw = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    const deltas: string[] = [];
    const r = await gw.text({ stage: 'answer', messages: [{ role: 'user', content: 'q' }], onToken: (d) => deltas.push(d) });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('A streamed answer with several chunks of text.');
    expect(r).toMatchObject({ text: deltas.join(''), cached: false, usage: { promptTokens: 11, completionTokens: 9 } });
    const body = server.chatRequests()[0]!.body!;
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true } });

    const gw2 = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    const replayed: string[] = [];
    const again = await gw2.text({ stage: 'answer', messages: [{ role: 'user', content: 'q' }], onToken: (d) => replayed.push(d) });
    expect(again).toMatchObject({ cached: true, usage: { promptTokens: 11, completionTokens: 9 } });
    expect(replayed.join('')).toBe(r.text);
    // Streamed or not, the same request is the same cache entry.
    expect((await gw2.text({ stage: 'answer', messages: [{ role: 'user', content: 'q' }] })).cached).toBe(true);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('an endpoint that rejects streaming is asked without it, and the text still reaches onToken', async () => {
    server = await startOpenAIServer({ supports: { streaming: false }, handler: () => ({ content: 'whole answer' }) });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const deltas: string[] = [];
    const r = await gw.text({ stage: 'answer', messages: [{ role: 'user', content: 'q1' }], onToken: (d) => deltas.push(d) });
    expect(r.text).toBe('whole answer');
    expect(deltas).toEqual(['whole answer']);
    await gw.text({ stage: 'answer', messages: [{ role: 'user', content: 'q2' }], onToken: () => undefined });
    expect(server.chatRequests().map((q) => q.body!.stream)).toEqual([true, false, false]);
    expect(gw.accounting().calls).toBe(3);
  });

  it('estimates usage when the endpoint reports none', async () => {
    server = await startOpenAIServer({ handler: () => ({ content: 'some words here', usage: null }) });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const r = await gw.text({ stage: 'answer', messages: [{ role: 'user', content: 'a question of a few words' }] });
    expect(r.usage.promptTokens).toBeGreaterThan(0);
    expect(r.usage.completionTokens).toBeGreaterThan(0);
  });

  it('passes temperature, seed and max tokens', async () => {
    server = await startOpenAIServer();
    const gw = await createGateway(testConfig({ url: server.url, flags: { temperature: '0.3', seed: '7' } }), { retry: FAST_RETRY });
    await gw.text({ stage: 'answer', messages: [{ role: 'user', content: 'q' }], maxTokens: 99 });
    expect(server.chatRequests()[0]!.body).toMatchObject({ temperature: 0.3, seed: 7, max_tokens: 99 });
  });

  it('reasoning models get no temperature and max_completion_tokens, through LangChain and the SDK', async () => {
    server = await startOpenAIServer();
    const gw = await createGateway(testConfig({ url: server.url, flags: { model: 'o3-mini' } }), { retry: FAST_RETRY });
    await gw.text({ stage: 'answer', messages: [{ role: 'user', content: 'q' }], maxTokens: 500 });
    const { z } = await import('zod');
    await gw.structured({ stage: 's', schemaName: 'a', schema: z.object({ a: z.string() }), messages: [{ role: 'user', content: 'q' }], maxTokens: 500 });
    for (const q of server.chatRequests()) {
      expect(q.body).not.toHaveProperty('temperature');
      expect(q.body).not.toHaveProperty('max_tokens');
      expect(q.body).toMatchObject({ max_completion_tokens: 500 });
    }
    expect(server.chatRequests()).toHaveLength(2);
  });
});

describe('embed', () => {
  it('embeds through /v1/embeddings, one cache entry per text; a second call sends nothing', async () => {
    server = await startOpenAIServer({ embeddingDimensions: 16 });
    const cwd = tempDir();
    const gw = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    const v = await gw.embed(['alpha', 'beta']);
    expect(v).toEqual([embeddingOf('alpha', 16), embeddingOf('beta', 16)]);
    const gw2 = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    const v2 = await gw2.embed(['beta', 'gamma', 'alpha']);
    expect(v2).toEqual([embeddingOf('beta', 16), embeddingOf('gamma', 16), embeddingOf('alpha', 16)]);
    const embedCalls = server.requests.filter((r) => r.path === '/v1/embeddings');
    expect(embedCalls.map((r) => r.body!.input)).toEqual([['alpha', 'beta'], ['gamma']]);
    expect(gw2.accounting()).toMatchObject({ calls: 1, cacheHits: 2 });
    const replay = await createGateway(testConfig({ url: server.url, cwd, flags: { cache: 'replay' } }), { retry: FAST_RETRY });
    expect(await replay.embed(['gamma'])).toEqual([embeddingOf('gamma', 16)]);
    await expect(replay.embed(['delta'])).rejects.toBeInstanceOf(CacheMissError);
  });

  it('returns null when the endpoint has no embeddings, or none is configured', async () => {
    server = await startOpenAIServer({ supports: { embeddings: false } });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    expect(await gw.embed(['x'])).toBeNull();
    expect(await gw.embed(['y'])).toBeNull();
    expect(server.requests.filter((r) => r.path === '/v1/embeddings')).toHaveLength(1);
    const cwd = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${cwd}/litrev.config.json`, JSON.stringify({ embeddingModel: null }));
    const none = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    expect(await none.embed(['x'])).toBeNull();
  });
});
