import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toStrictJsonSchema } from '../../src/model/strict-json-schema.js';
import { embeddingOf, schemaInstance, startOpenAIServer, type OpenAIServer } from './openai-server.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();
const post = (path: string, body: unknown) =>
  fetch(`${server!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer k' }, body: JSON.stringify(body) });

describe('the OpenAI-compatible test server', () => {
  it('records every request with method, path, headers and parsed body', async () => {
    server = await startOpenAIServer();
    await post('/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', headers: { authorization: 'Bearer k' }, body: { model: 'm' } });
  });

  it('answers plain text with a short deterministic reply', async () => {
    server = await startOpenAIServer();
    const a = await json(post('/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hi' }] }));
    const b = await json(post('/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hi' }] }));
    expect(a.choices[0].message.content).toBe(b.choices[0].message.content);
    expect(a.choices[0].finish_reason).toBe('stop');
    expect(a.usage.total_tokens).toBeGreaterThan(0);
  });

  it('generates a valid instance for a strict schema (nested objects, arrays, enums, nullable)', () => {
    const S = z.object({
      items: z.array(z.object({ id: z.string(), kind: z.enum(['a', 'b']), n: z.number().int().min(3), note: z.string().optional() })).min(2),
      meta: z.object({ tags: z.array(z.string()), flag: z.boolean().nullable() }),
    });
    const instance = schemaInstance(toStrictJsonSchema(S));
    expect(S.safeParse(instance)).toMatchObject({ success: true });
    expect((instance as { items: unknown[] }).items).toHaveLength(2);
  });

  it('streams SSE chunks and a final usage chunk when asked', async () => {
    server = await startOpenAIServer({ handler: () => ({ content: 'hello streaming world' }) });
    const res = await post('/chat/completions', { model: 'm', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'x' }] });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = (await res.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice('data: '.length)));
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('hello streaming world');
    expect(chunks.at(-1).usage).toMatchObject({ prompt_tokens: expect.any(Number) });
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
  });

  it('answers a forced tool call for function-calling requests', async () => {
    server = await startOpenAIServer();
    const res = await json(
      post('/chat/completions', {
        model: 'm',
        messages: [{ role: 'user', content: 'x' }],
        tools: [{ type: 'function', function: { name: 'rec', parameters: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } } }],
        tool_choice: { type: 'function', function: { name: 'rec' } },
      }),
    );
    expect(res.choices[0].message.tool_calls[0].function).toEqual({ name: 'rec', arguments: '{"a":"x"}' });
  });

  it('rate-limits past rateLimitPerSecond with 429, retry-after and retry-after-ms', async () => {
    server = await startOpenAIServer({ rateLimitPerSecond: 2 });
    const statuses: number[] = [];
    let headers: Headers | undefined;
    for (let i = 0; i < 3; i++) {
      const r = await post('/chat/completions', { model: 'm', messages: [{ role: 'user', content: `${i}` }] });
      statuses.push(r.status);
      if (r.status === 429) headers = r.headers;
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(headers!.get('retry-after-ms'))).toBeGreaterThan(0);
    expect(Number(headers!.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('lists models and refuses unknown ones with 404 when a list is given', async () => {
    server = await startOpenAIServer({ models: ['a', 'b'] });
    const list = await json(fetch(`${server.url}/models`));
    expect(list.data.map((m: { id: string }) => m.id)).toEqual(['a', 'b']);
    const r = await post('/chat/completions', { model: 'c', messages: [] });
    expect(r.status).toBe(404);
    expect((await json(r)).error.code).toBe('model_not_found');
  });

  it('returns deterministic embeddings', async () => {
    server = await startOpenAIServer({ embeddingDimensions: 4 });
    const r = await json(post('/embeddings', { model: 'e', input: ['x', 'y'] }));
    expect(r.data.map((d: { embedding: number[] }) => d.embedding)).toEqual([embeddingOf('x', 4), embeddingOf('y', 4)]);
  });

  it('injects faults: status with headers, a dropped connection', async () => {
    server = await startOpenAIServer({ handler: (info) => (info.index === 0 ? { status: 503, headers: { 'x-test': '1' } } : { drop: true }) });
    const r = await post('/chat/completions', { model: 'm', messages: [] });
    expect(r.status).toBe(503);
    expect(r.headers.get('x-test')).toBe('1');
    await expect(post('/chat/completions', { model: 'm', messages: [] })).rejects.toThrow();
  });
});
