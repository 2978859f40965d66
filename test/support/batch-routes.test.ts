import OpenAI, { toFile } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from './openai-server.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const line = (id: string, content: string) => JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body: { model: 'test-model', messages: [{ role: 'user', content }] } });

async function setup(options: Parameters<typeof startOpenAIServer>[0] = {}) {
  server = await startOpenAIServer(options);
  const client = new OpenAI({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
  const upload = async (lines: string[]) => client.files.create({ file: await toFile(Buffer.from(`${lines.join('\n')}\n`), 'in.jsonl'), purpose: 'batch' });
  const create = async (lines: string[]) => client.batches.create({ input_file_id: (await upload(lines)).id, endpoint: '/v1/chat/completions', completion_window: '24h' });
  const settled = async (id: string) => {
    for (;;) {
      const b = await client.batches.retrieve(id);
      if (['completed', 'failed', 'expired', 'cancelled'].includes(b.status)) return b;
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const lines = async (fileId: string | null | undefined) => (fileId ? (await (await client.files.content(fileId)).text()).trim().split('\n').map((l) => JSON.parse(l)) : []);
  return { client, upload, create, settled, lines };
}

describe('the test server: Files and Batch APIs', () => {
  it('uploads a file (multipart) and serves it back', async () => {
    const { client, upload } = await setup();
    const file = await upload([line('a', 'hello')]);
    expect(file).toMatchObject({ object: 'file', purpose: 'batch', filename: 'in.jsonl' });
    expect(await (await client.files.content(file.id)).text()).toBe(`${line('a', 'hello')}\n`);
    expect(await client.files.retrieve(file.id)).toMatchObject({ id: file.id, bytes: file.bytes });
  });

  it('runs a batch to completed, answering each line through the chat handler; failed lines go to the error file', async () => {
    const { create, settled, lines } = await setup({ handler: (info) => ({ content: `echo ${info.lastUser}` }), batch: { failLine: (l) => (l.customId === 'b' ? { status: 500 } : null) } });
    const created = await create([line('a', 'one'), line('b', 'two'), line('c', 'three')]);
    expect(created).toMatchObject({ object: 'batch', status: 'validating', endpoint: '/v1/chat/completions', completion_window: '24h', request_counts: { total: 3, completed: 0, failed: 0 } });
    const done = await settled(created.id);
    expect(done).toMatchObject({ status: 'completed', request_counts: { total: 3, completed: 2, failed: 1 } });
    expect(done.in_progress_at).toBeTypeOf('number');
    const out = await lines(done.output_file_id);
    expect(out.map((l) => [l.custom_id, l.response.status_code, l.response.body.choices[0].message.content])).toEqual([['a', 200, 'echo one'], ['c', 200, 'echo three']]);
    expect((await lines(done.error_file_id)).map((l) => [l.custom_id, l.response.status_code])).toEqual([['b', 500]]);
  });

  it('expires a batch with the unanswered lines marked batch_expired, and fails an invalid input file', async () => {
    const { create, settled, lines } = await setup({ batch: { expireAfter: () => 1 } });
    const done = await settled((await create([line('a', 'one'), line('b', 'two')])).id);
    expect(done.status).toBe('expired');
    expect((await lines(done.error_file_id)).map((l) => [l.custom_id, l.response, l.error.code])).toEqual([['b', null, 'batch_expired']]);
    const bad = await create([line('a', 'one'), line('a', 'again')]);
    expect(bad.status).toBe('failed');
    expect(bad.errors?.data?.[0]).toMatchObject({ code: 'duplicate_custom_id', line: 2 });
  });

  it('cancels a running batch, lists batches newest first with pagination', async () => {
    const { client, create, settled, lines } = await setup({ batch: { hold: true } });
    const first = await create([line('a', 'one')]);
    const second = await create([line('b', 'two')]);
    const page = await client.batches.list({ limit: 1 });
    expect(page.data.map((b) => b.id)).toEqual([second.id]);
    expect(page.has_more).toBe(true);
    const all: string[] = [];
    for await (const b of client.batches.list({ limit: 1 })) all.push(b.id);
    expect(all).toEqual([second.id, first.id]);
    expect((await client.batches.cancel(first.id)).status).toBe('cancelling');
    const cancelled = await settled(first.id);
    expect(cancelled.status).toBe('cancelled');
    expect((await lines(cancelled.error_file_id))[0].error.code).toBe('batch_cancelled');
    expect((await client.batches.retrieve(second.id)).status).toBe('in_progress');
  });
});
