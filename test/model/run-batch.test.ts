import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createGateway } from '../../src/model/create-gateway.js';
import { runBatch } from '../../src/model/run-batch.js';
import type { StructuredRequest } from '../../src/model/types.js';
import { startOpenAIServer, type ChatAnswer, type ChatRequestInfo, type OpenAIServer } from '../support/openai-server.js';
import { FAST_RETRY, tempDir, testConfig } from './support/gateway-config.js';

interface Paper {
  id: string;
  abstract: string;
}
const Out = z.object({ id: z.string(), category: z.enum(['method', 'survey']) });
type Out = z.infer<typeof Out>;
const Batch = z.object({ items: z.array(Out) });

const papers = (n: number): Paper[] => Array.from({ length: n }, (_, i) => ({ id: `p${i + 1}`, abstract: `abstract ${i + 1}` }));

function request(items: Paper[], repair?: { error: string; raw: string }): StructuredRequest<{ items: Out[] }> {
  return {
    stage: 'classify',
    schemaName: 'classification',
    schema: Batch,
    messages: [
      { role: 'system', content: 'Classify each paper.' },
      { role: 'user', content: `PAPERS ${JSON.stringify(items.map((p) => p.id))}\n${items.map((p) => `${p.id}: ${p.abstract}`).join('\n')}` },
      ...(repair ? [{ role: 'assistant' as const, content: repair.raw }, { role: 'user' as const, content: `REPAIR: ${repair.error}` }] : []),
    ],
  };
}

/** The ids asked in a request, and whether it is a repair. */
function asked(info: ChatRequestInfo): { ids: string[]; repair: boolean } {
  const user = info.messages.find((m) => m.role === 'user')!.content;
  const ids = JSON.parse(/PAPERS (\[.*\])/.exec(user)![1]!) as string[];
  return { ids, repair: info.messages.some((m) => m.content.startsWith('REPAIR:')) };
}

const good = (ids: string[]): ChatAnswer => ({ json: { items: ids.map((id) => ({ id, category: 'method' })) } });

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(handler: (info: ChatRequestInfo, a: { ids: string[]; repair: boolean }) => ChatAnswer | undefined, cwd = tempDir()) {
  server ??= await startOpenAIServer();
  server.setHandler((info) => handler(info, asked(info)));
  const gw = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
  const run = (items: Paper[]) => runBatch<Paper, Out>(gw, { stage: 'classify', items, request, idOf: (o) => o.id });
  return { gw, run, cwd };
}

describe('runBatch', () => {
  it('one request for a batch that answers correctly', async () => {
    const { run } = await setup((_i, a) => good(a.ids));
    const r = await run(papers(4));
    expect([...r.results.keys()].sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(r.failures).toEqual([]);
    expect(server!.chatRequests()).toHaveLength(1);
    expect(r.results.get('p1')).toMatchObject({ value: { id: 'p1', category: 'method' }, raw: expect.stringContaining('"p1"') });
  });

  it.each([
    ['invalid JSON', (): ChatAnswer => ({ content: '{"items": [' })],
    ['a schema violation', (ids: string[]): ChatAnswer => ({ json: { items: ids.map((id) => ({ id, category: 'poem' })) } })],
  ])('%s: repairs once, then succeeds', async (_name, bad) => {
    const { run } = await setup((_i, a) => (a.repair ? good(a.ids) : bad(a.ids)));
    const r = await run(papers(4));
    expect(r.results.size).toBe(4);
    expect(r.failures).toEqual([]);
    const reqs = server!.chatRequests().map((q) => asked(infoOf(q.body!)));
    expect(reqs).toEqual([
      { ids: ['p1', 'p2', 'p3', 'p4'], repair: false },
      { ids: ['p1', 'p2', 'p3', 'p4'], repair: true },
    ]);
    const repairText = server!.chatRequests()[1]!.body!.messages as { content: string }[];
    expect(repairText.at(-1)!.content).toMatch(/REPAIR: (invalid JSON|schema violation)/);
  });

  it('a reply cut at the output cap is not repaired (that would be longer): the batch is split', async () => {
    const { run } = await setup((_i, a) => (a.ids.length > 2 ? { ...good(a.ids), truncate: true } : good(a.ids)));
    const r = await run(papers(4));
    expect(r.results.size).toBe(4);
    const reqs = server!.chatRequests().map((q) => asked(infoOf(q.body!)));
    // Cut once: asked again as it was (a cut no limit explains is transient); cut again at the same count: that is the cap.
    expect(reqs.slice(0, 2)).toEqual([
      { ids: ['p1', 'p2', 'p3', 'p4'], repair: false },
      { ids: ['p1', 'p2', 'p3', 'p4'], repair: false },
    ]);
    // The two halves go out together: the server may see either first.
    const halves = reqs.slice(2).sort((a, b) => (a.ids[0]! < b.ids[0]! ? -1 : 1));
    expect(halves).toEqual([
      { ids: ['p1', 'p2'], repair: false },
      { ids: ['p3', 'p4'], repair: false },
    ]);
  });

  it('a single paper whose reply is cut at the output limit is asked once more with more room before it fails', async () => {
    const { run } = await setup((info, a) => (info.body.max_tokens === undefined ? { ...good(a.ids), truncate: true } : good(a.ids)));
    const r = await run(papers(1));
    expect(r.failures).toEqual([]);
    expect(r.results.size).toBe(1);
    const sent = server!.chatRequests().map((q) => q.body!.max_tokens);
    // Cut twice at one count (a cap, not a one-off), then asked with room of its own.
    expect(sent.slice(0, 2)).toEqual([undefined, undefined]);
    expect(sent.at(-1)).toEqual(expect.any(Number));
  });

  it('a repair prompt carries a bounded excerpt of a huge bad reply, never the whole of it', async () => {
    const huge = `{"items": [${'"x", '.repeat(20_000)}`;
    const { run } = await setup((_i, a) => (a.repair ? good(a.ids) : { content: huge }));
    await run(papers(2));
    const repair = server!.chatRequests()[1]!.body!.messages as { content: string }[];
    const total = repair.reduce((n, m) => n + m.content.length, 0);
    expect(huge.length).toBeGreaterThan(100_000);
    expect(total).toBeLessThan(20_000);
    expect(repair.some((m) => m.content.includes('characters left out'))).toBe(true);
  });

  it('a paper that always breaks the reply: bisected down to it, recorded with its reason; the others are kept', async () => {
    const { run } = await setup((_i, a) => (a.ids.includes('p3') ? { content: 'not json at all' } : good(a.ids)));
    const r = await run(papers(8));
    expect([...r.results.keys()].sort()).toEqual(['p1', 'p2', 'p4', 'p5', 'p6', 'p7', 'p8']);
    expect(r.failures).toEqual([{ id: 'p3', reason: expect.stringMatching(/invalid JSON/), raw: 'not json at all' }]);
    // 8 -> ask+repair; 4+4 -> (p1-4: ask+repair, p5-8: ask); 2+2 -> (p1,p2: ask; p3,p4: ask+repair); p3: ask+repair; p4: ask
    expect(server!.chatRequests()).toHaveLength(2 + 2 + 1 + 1 + 2 + 2 + 1);
  });

  it('a schema-invalid item is dropped from a reply, the valid ones are kept, only the rest is asked again', async () => {
    const { run } = await setup((_i, a) => {
      if (a.repair || a.ids.length === 1) return good(a.ids);
      return { json: { items: a.ids.map((id) => ({ id, category: id === 'p2' ? 'poem' : 'survey' })) } };
    });
    const r = await run(papers(3));
    expect(r.results.get('p1')!.value.category).toBe('survey');
    expect(r.results.get('p2')!.value.category).toBe('method');
    const reqs = server!.chatRequests().map((q) => asked(infoOf(q.body!)));
    expect(reqs[1]).toEqual({ ids: ['p2'], repair: true });
  });

  it('missing, duplicated and invented ids: the right ones kept, the rest asked again with the error', async () => {
    const { run } = await setup((_i, a) => {
      if (a.repair) return good(a.ids);
      return {
        json: {
          items: [
            { id: 'p1', category: 'method' },
            { id: 'p2', category: 'method' },
            { id: 'p2', category: 'survey' },
            { id: 'p9', category: 'survey' },
          ],
        },
      };
    });
    const r = await run(papers(3));
    expect([...r.results.keys()].sort()).toEqual(['p1', 'p2', 'p3']);
    const second = server!.chatRequests()[1]!;
    expect(asked(infoOf(second.body!))).toEqual({ ids: ['p3', 'p2'], repair: true });
    const note = (second.body!.messages as { content: string }[]).at(-1)!.content;
    expect(note).toContain('missing ids: p3');
    expect(note).toContain('more than once with different values: p2');
    expect(note).toContain('not in the request: p9');
  });

  it('a paper the model never answers ends in failures, never silently dropped', async () => {
    const { run } = await setup((_i, a) => good(a.ids.filter((id) => id !== 'p2')));
    const r = await run(papers(4));
    expect(r.results.size).toBe(3);
    expect(r.failures).toEqual([{ id: 'p2', reason: expect.stringContaining('missing ids: p2'), raw: expect.any(String) }]);
  });

  it('a batch the endpoint rejects (400, too long) is split without a repair', async () => {
    const { run } = await setup((_i, a) =>
      a.ids.length > 2 ? { status: 400, error: { message: "This model's maximum context length is 100 tokens", code: 'context_length_exceeded' } } : good(a.ids),
    );
    const r = await run(papers(4));
    expect(r.results.size).toBe(4);
    expect(server!.chatRequests().map((q) => asked(infoOf(q.body!)).repair)).toEqual([false, false, false]);
  });

  it('a request that fails after all retries fails its items without bisecting', async () => {
    server = await startOpenAIServer();
    server.setHandler(() => ({ status: 503 }));
    const gw = await createGateway(testConfig({ url: server.url, flags: { 'max-retries': '1' } }), { retry: FAST_RETRY });
    const r = await runBatch<Paper, Out>(gw, { stage: 'classify', items: papers(4), request, idOf: (o) => o.id });
    expect(r.results.size).toBe(0);
    expect(r.failures.map((f) => f.id)).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(r.failures[0]!.reason).toMatch(/HTTP 503/);
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('fatal errors propagate', async () => {
    const { run } = await setup(() => ({ status: 401 }));
    await expect(run(papers(2))).rejects.toMatchObject({ name: 'ModelFatalError' });
  });

  it('repairs and bisections are cached: a re-run sends nothing and gives the same outcome', async () => {
    const handler = (_i: ChatRequestInfo, a: { ids: string[]; repair: boolean }) => (a.ids.includes('p3') ? { content: '{' } : good(a.ids));
    const first = await setup(handler);
    const r1 = await first.run(papers(6));
    const sent = server!.chatRequests().length;
    const second = await setup(handler, first.cwd);
    const r2 = await second.run(papers(6));
    expect(server!.chatRequests()).toHaveLength(sent);
    expect(r2.failures).toEqual(r1.failures);
    expect([...r2.results.keys()].sort()).toEqual([...r1.results.keys()].sort());
    expect(second.gw.accounting().calls).toBe(0);
  });
});

/** The messages of a recorded body, in the shape `asked` reads. */
function infoOf(body: Record<string, unknown>): ChatRequestInfo {
  const messages = (body.messages as { role: string; content: string }[]).map((m) => ({ role: m.role, content: m.content }));
  return { messages } as ChatRequestInfo;
}
