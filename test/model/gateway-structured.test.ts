import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createGateway } from '../../src/model/create-gateway.js';
import type { ModelEvent } from '../../src/model/types.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { FAST_RETRY, tempDir, testConfig } from './support/gateway-config.js';

const Answer = z.object({ label: z.enum(['yes', 'no']), reason: z.string(), score: z.number().optional() });
const ask = (content = 'Is this a method paper?') => ({
  stage: 'classify',
  schemaName: 'answer',
  schema: Answer,
  messages: [
    { role: 'system' as const, content: 'Classify.' },
    { role: 'user' as const, content },
  ],
});

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('structured output through each method', () => {
  it.each(['json_schema', 'function_calling', 'json_mode'] as const)('%s: sends the right request and parses the reply', async (method) => {
    server = await startOpenAIServer({ handler: () => ({ json: { label: 'yes', reason: 'it proposes X', score: null } }) });
    const gw = await createGateway(testConfig({ url: server.url, flags: { 'structured-method': method } }), { retry: FAST_RETRY });
    const r = await gw.structured(ask());
    expect(r).toMatchObject({ ok: true, value: { label: 'yes', reason: 'it proposes X' }, cached: false });
    expect(r.ok && r.value.score).toBeUndefined();
    expect(r.raw).toBe('{"label":"yes","reason":"it proposes X","score":null}');
    const body = server.chatRequests()[0]!.body!;
    if (method === 'json_schema') {
      expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'answer', strict: true } });
      const schema = (body.response_format as { json_schema: { schema: { required: string[]; additionalProperties: boolean } } }).json_schema.schema;
      expect(schema.required).toEqual(['label', 'reason', 'score']);
      expect(schema.additionalProperties).toBe(false);
    } else if (method === 'function_calling') {
      expect(body.tools).toMatchObject([{ type: 'function', function: { name: 'answer', strict: true } }]);
      expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'answer' } });
      expect(body.response_format).toBeUndefined();
    } else {
      expect(body.response_format).toEqual({ type: 'json_object' });
      const system = (body.messages as { role: string; content: string }[])[0]!;
      expect(system.content).toContain('Classify.');
      expect(system.content).toContain('"label"');
    }
    await gw.close();
  });

  it('the default test-server handler answers any schema with a valid instance', async () => {
    server = await startOpenAIServer();
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const r = await gw.structured(ask());
    expect(r.ok).toBe(true);
  });

  it.each([
    ['invalid-json', { content: '{"label": "yes", "reason": ' }],
    ['schema', { json: { label: 'maybe', reason: 'x' } }],
    ['truncated', { json: { label: 'yes', reason: 'a long reason' }, truncate: true }],
    ['empty', { content: '' }],
    ['refusal', { content: '', refusal: 'I cannot help with that.' }],
  ] as const)('a %s reply is returned as a failure with its raw text and an output-invalid event', async (kind, answer) => {
    server = await startOpenAIServer({ handler: () => answer });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const events: ModelEvent[] = [];
    gw.onEvent((e) => events.push(e));
    const r = await gw.structured(ask());
    expect(r.ok).toBe(false);
    expect(!r.ok && r.kind).toBe(kind);
    if ('content' in answer && answer.content) expect(r.raw).toBe(answer.content);
    expect(events.filter((e) => e.type === 'output-invalid')).toEqual([expect.objectContaining({ type: 'output-invalid', kind, stage: 'classify' })]);
    // A cut reply is asked again once: cut again at the same count, that count is the output cap.
    const asked = kind === 'truncated' ? 2 : 1;
    expect(gw.accounting()).toMatchObject({ calls: asked, retries: asked - 1, invalidOutputs: 1 });
  });

  it.each(['function_calling', 'json_mode'] as const)('%s keeps the raw text of invalid JSON and truncated replies', async (method) => {
    server = await startOpenAIServer();
    const gw = await createGateway(testConfig({ url: server.url, flags: { 'structured-method': method } }), { retry: FAST_RETRY });
    server.setHandler(() => (method === 'function_calling' ? { toolCall: { arguments: '{"label": "yes", "reas' } } : { content: '{"label": "yes", "reas' }));
    expect(await gw.structured(ask('one'))).toMatchObject({ ok: false, kind: 'invalid-json', raw: '{"label": "yes", "reas' });
    server.setHandler(() => ({ json: { label: 'yes', reason: 'a reason that is long enough' }, truncate: true }));
    const truncated = await gw.structured(ask('two'));
    expect(truncated).toMatchObject({ ok: false, kind: 'truncated' });
    expect(truncated.raw.length).toBeGreaterThan(0);
    // The cut reply was asked for twice (once more to tell a cap from a one-off cut).
    expect(gw.accounting().calls).toBe(3);
  });

  it('strips a ```json fence around the reply', async () => {
    server = await startOpenAIServer({ handler: () => ({ content: '```json\n{"label":"no","reason":"r"}\n```' }) });
    const gw = await createGateway(testConfig({ url: server.url, flags: { 'structured-method': 'json_mode' } }), { retry: FAST_RETRY });
    expect(await gw.structured(ask())).toMatchObject({ ok: true, value: { label: 'no' } });
  });
});

describe('structuredMethod auto', () => {
  it('falls back to function calling when json_schema is rejected, then to json_mode, and remembers it', async () => {
    server = await startOpenAIServer({ supports: { jsonSchema: false, tools: false } });
    const cwd = tempDir();
    const config = testConfig({ url: server.url, cwd });
    const gw = await createGateway(config, { retry: FAST_RETRY });
    const r = await gw.structured(ask());
    expect(r.ok).toBe(true);
    expect(server.chatRequests().map((q) => q.body!.response_format ? (q.body!.response_format as { type: string }).type : 'tools')).toEqual([
      'json_schema',
      'tools',
      'json_object',
    ]);
    expect(gw.accounting().calls).toBe(3);
    // The next request starts with the method that works.
    await gw.structured(ask('another'));
    expect(server.chatRequests()).toHaveLength(4);
    // What the run learned is on disk once its gateway is closed.
    await gw.close();
    const caps = JSON.parse(readFileSync(path.join(config.cacheDir, 'capabilities.json'), 'utf8'));
    expect(Object.values(caps.endpoints)).toEqual([expect.objectContaining({ method: 'json_mode', methods: { json_mode: true, json_schema: false, function_calling: false }, source: 'run' })]);
    // A later run reads the capability file and starts with json_mode at once.
    const gw2 = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    await gw2.structured(ask('third'));
    expect((server.chatRequests()[4]!.body!.response_format as { type: string }).type).toBe('json_object');
    expect(gw2.method).toBe('json_mode');
  });

  it('does not fall back when the 400 says the prompt is too long', async () => {
    server = await startOpenAIServer({
      handler: () => ({ status: 400, error: { message: "This model's maximum context length is 8192 tokens", code: 'context_length_exceeded' } }),
    });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    await expect(gw.structured(ask())).rejects.toMatchObject({ name: 'ContextOverflowError', contextOverflow: true });
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('a fixed method does not fall back', async () => {
    server = await startOpenAIServer({ supports: { jsonSchema: false } });
    const gw = await createGateway(testConfig({ url: server.url, flags: { 'structured-method': 'json_schema' } }), { retry: FAST_RETRY });
    await expect(gw.structured(ask())).rejects.toMatchObject({ name: 'ModelRequestError', status: 400 });
    expect(server.chatRequests()).toHaveLength(1);
  });
});
