import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAIServer, unreachableURL, type OpenAIServer, type OpenAIServerOptions } from './openai-server.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const start = async (o: OpenAIServerOptions) => (server = await startOpenAIServer(o));
const post = (path: string, body: unknown, base = server!.url) =>
  fetch(`${base}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const chat = (extra: Record<string, unknown> = {}, content = 'hi') => post('/chat/completions', { model: 'test-model', messages: [{ role: 'user', content }], ...extra });

describe('the test server behaves like real endpoints when asked', () => {
  it('token-bucket rate limit: x-ratelimit-* headers on success, 429 with retry-after past the burst', async () => {
    await start({ rateLimit: { requestsPerSecond: 2, burst: 2 } });
    const replies = [await chat(), await chat(), await chat()];
    expect(replies.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(replies[0]!.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(replies[1]!.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(Number(replies[2]!.headers.get('retry-after-ms'))).toBeGreaterThan(0);
    expect(replies[2]!.headers.get('x-ratelimit-reset-requests')).toMatch(/ms$|s$/);
  });

  it('a fixed retry-after can be absurd (999999)', async () => {
    await start({ rateLimit: { requestsPerSecond: 1, retryAfter: '999999' } });
    await chat();
    const r = await chat();
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('999999');
  });

  it('context window, 400 mode: context_length_exceeded naming the window', async () => {
    await start({ contextWindow: { tokens: 100, mode: 'error' } });
    const r = await chat({}, 'x'.repeat(1000));
    expect(r.status).toBe(400);
    const body = (await r.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('context_length_exceeded');
    expect(body.error.message).toContain('maximum context length is 100 tokens');
  });

  it('context window, truncate mode: the tail is kept and prompt_tokens is small', async () => {
    await start({ contextWindow: { tokens: 100, mode: 'truncate' } });
    const r = (await (await chat({}, `START ${'x'.repeat(2000)} END`)).json()) as { usage: { prompt_tokens: number } };
    expect(r.usage.prompt_tokens).toBeLessThanOrEqual(100);
    expect(server!.truncatedPrompts).toBe(1);
  });

  it('output cap: finish_reason length; rejectLarger: 400 for a larger max_tokens', async () => {
    await start({ outputCap: { tokens: 3, rejectLarger: true } });
    const capped = (await (await chat()).json()) as { choices: { finish_reason: string; message: { content: string } }[] };
    expect(capped.choices[0]!.finish_reason).toBe('length');
    expect(capped.choices[0]!.message.content.length).toBeLessThanOrEqual(12);
    expect((await chat({ max_tokens: 50 })).status).toBe(400);
  });

  it('reasoning-model rules: 400 for temperature 0 and for max_tokens, 200 without them', async () => {
    await start({ reasoning: true, rejectParams: ['seed'] });
    expect((await chat({ temperature: 0 })).status).toBe(400);
    expect((await chat({ max_tokens: 10 })).status).toBe(400);
    expect((await chat({ seed: 1 })).status).toBe(400);
    expect((await chat({ max_completion_tokens: 10 })).status).toBe(200);
  });

  it('JSON in a Markdown fence', async () => {
    await start({ fencedJson: true });
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
    const r = (await (await chat({ response_format: { type: 'json_schema', json_schema: { name: 's', schema } } })).json()) as { choices: { message: { content: string } }[] };
    expect(r.choices[0]!.message.content).toContain('```json');
  });

  it('malformed 200s: HTML, empty, non-JSON, no choices', async () => {
    await start({ malformed: { kind: 'html', count: 1 } });
    const html = await chat();
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<html>');
    expect(((await (await chat()).json()) as { choices: unknown[] }).choices).toHaveLength(1);
  });

  it('publishes the context window as vLLM, llama.cpp, LM Studio and Ollama do', async () => {
    await start({ publish: 'vllm', contextWindow: { tokens: 4096, mode: 'error' } });
    const models = (await (await fetch(`${server!.url}/models`)).json()) as { data: { max_model_len: number }[] };
    expect(models.data[0]!.max_model_len).toBe(4096);
    await server!.close();
    await start({ publish: 'ollama', publishedWindow: 2048 });
    const root = server!.url.replace(/\/v1$/, '');
    const show = (await (await post('/api/show', { model: 'test-model' }, root)).json()) as { parameters: string };
    expect(show.parameters).toMatch(/num_ctx\s+2048/);
  });

  it('trickles a body one chunk at a time, and streams keep-alives only', async () => {
    await start({ trickle: { intervalMs: 5, bytes: 64 } });
    const r = (await (await chat()).json()) as { choices: unknown[] };
    expect(r.choices).toHaveLength(1);
    await server!.close();
    await start({ trickle: { intervalMs: 5, keepAliveOnly: true } });
    const res = await chat({ stream: true });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain(': keep-alive');
    await reader.cancel();
  });

  it('redirects: /moved/v1 to /v1 on the same origin; redirectTo to another origin', async () => {
    await start({ redirectTo: 'http://127.0.0.2:9' });
    const r = await chat();
    expect(r.status).toBe(307);
    expect(r.headers.get('location')).toBe('http://127.0.0.2:9/v1/chat/completions');
    await server!.close();
    await start({});
    const moved = await post('/chat/completions', { model: 'm', messages: [] }, server!.movedURL);
    expect(moved.headers.get('location')).toBe('/v1/chat/completions');
  });

  it('unreachableURL: connection refused', async () => {
    const url = await unreachableURL();
    await expect(fetch(`${url}/models`)).rejects.toThrow();
  });
});
