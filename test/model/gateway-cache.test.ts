import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { CacheMissError } from '../../src/errors.js';
import { createGateway } from '../../src/model/create-gateway.js';
import type { ModelEvent } from '../../src/model/types.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { FAST_RETRY, tempDir, testConfig } from './support/gateway-config.js';

const Item = z.object({ id: z.string(), topic: z.string() });
const Batch = z.object({ items: z.array(Item) });
const request = (n: number) => ({
  stage: 'classify',
  schemaName: 'batch',
  schema: Batch,
  messages: [
    { role: 'system' as const, content: 'Give each paper a topic.' },
    { role: 'user' as const, content: `paper p${n}: an abstract about topic ${n}` },
  ],
});
const answering = () => (info: { lastUser: string }) => {
  const id = /paper (p\d+)/.exec(info.lastUser)?.[1] ?? 'p?';
  return { json: { items: [{ id, topic: `topic of ${id}` }] } };
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('response cache through the gateway', () => {
  it('an exact re-run (a second gateway over the same cache) sends zero requests and keeps the usage', async () => {
    server = await startOpenAIServer({ handler: answering() });
    const cwd = tempDir();
    const gw1 = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    const first = await Promise.all([1, 2, 3, 4, 5].map((n) => gw1.structured(request(n))));
    await gw1.close();
    expect(server.chatRequests()).toHaveLength(5);
    const gw2 = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    const second = await Promise.all([1, 2, 3, 4, 5].map((n) => gw2.structured(request(n))));
    expect(server.chatRequests()).toHaveLength(5);
    expect(second.map((r) => r.ok && r.value)).toEqual(first.map((r) => r.ok && r.value));
    expect(second.every((r) => r.cached)).toBe(true);
    expect(second.map((r) => r.usage)).toEqual(first.map((r) => r.usage));
    const acc = gw2.accounting();
    expect(acc).toMatchObject({ calls: 0, cacheHits: 5, promptTokens: 0, completionTokens: 0 });
    expect(acc.cached!.promptTokens).toBe(first.reduce((s, r) => s + r.usage.promptTokens, 0));
    // Concurrent cache reads finish in any order: the keys are all there, in the order they were first used.
    expect([...acc.cacheKeys].sort()).toEqual(first.map((r) => r.cacheKey).sort());
  });

  it('stores request, raw reply, parsed value, usage, latency and time in one sharded file per entry', async () => {
    server = await startOpenAIServer({ handler: answering() });
    const config = testConfig({ url: server.url });
    const gw = await createGateway(config, { retry: FAST_RETRY });
    const r = await gw.structured(request(1));
    const file = new DiskCache(config.cacheDir).fileFor(r.cacheKey);
    expect(path.relative(config.cacheDir, file)).toBe(path.join(r.cacheKey.slice(0, 2), `${r.cacheKey}.json`));
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    expect(entry).toMatchObject({
      key: r.cacheKey,
      kind: 'chat',
      stage: 'classify',
      request: { endpoint: server.url, body: { model: 'test-model', temperature: 0 } },
      reply: { content: r.raw, finishReason: 'stop' },
      parsed: { items: [{ id: 'p1', topic: 'topic of p1' }] },
      usage: r.usage,
      attempts: 1,
    });
    expect(typeof entry.latencyMs).toBe('number');
    expect(Date.parse(entry.createdAt)).toBeGreaterThan(0);
  });

  it('identical requests in flight at the same time are sent once', async () => {
    server = await startOpenAIServer({ handler: answering(), latencyMs: 50 });
    const gw = await createGateway(testConfig({ url: server.url }), { retry: FAST_RETRY });
    const results = await Promise.all(Array.from({ length: 6 }, () => gw.structured(request(7))));
    expect(server.chatRequests()).toHaveLength(1);
    expect(results.filter((r) => !r.cached)).toHaveLength(1);
    expect(gw.accounting()).toMatchObject({ calls: 1, cacheHits: 5 });
  });

  it('a corrupt entry is reported, fetched again and rewritten', async () => {
    server = await startOpenAIServer({ handler: answering() });
    const cwd = tempDir();
    const config = testConfig({ url: server.url, cwd });
    const gw1 = await createGateway(config, { retry: FAST_RETRY });
    const r = await gw1.structured(request(1));
    const file = new DiskCache(config.cacheDir).fileFor(r.cacheKey);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 40));
    const gw2 = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    const events: ModelEvent[] = [];
    gw2.onEvent((e) => events.push(e));
    const again = await gw2.structured(request(1));
    expect(again).toMatchObject({ ok: true, cached: false });
    expect(events).toContainEqual(expect.objectContaining({ type: 'cache-corrupt', cacheKey: r.cacheKey }));
    expect(server.chatRequests()).toHaveLength(2);
    expect(JSON.parse(readFileSync(file, 'utf8')).key).toBe(r.cacheKey);
  });

  it('replay mode serves hits, and a miss throws CacheMissError naming the request without any network call', async () => {
    server = await startOpenAIServer({ handler: answering() });
    const cwd = tempDir();
    const gw1 = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    await gw1.structured(request(1));
    const before = server.requests.length;
    const replay = await createGateway(testConfig({ url: server.url, cwd, flags: { cache: 'replay' } }), { retry: FAST_RETRY });
    expect(await replay.structured(request(1))).toMatchObject({ ok: true, cached: true });
    const miss = replay.structured(request(2));
    await expect(miss).rejects.toBeInstanceOf(CacheMissError);
    await expect(miss).rejects.toThrow(/stage classify.*paper p2/);
    await expect(replay.text({ stage: 'answer', messages: [{ role: 'user', content: 'q' }] })).rejects.toBeInstanceOf(CacheMissError);
    expect(server.requests.length).toBe(before);
    expect(replay.accounting().calls).toBe(0);
  });

  it('replay with auto finds entries written after a method fallback', async () => {
    server = await startOpenAIServer({ supports: { jsonSchema: false }, handler: answering() });
    const cwd = tempDir();
    const gw1 = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    await gw1.structured(request(1));
    const n = server.requests.length;
    const replay = await createGateway(testConfig({ url: server.url, cwd, flags: { cache: 'replay' } }), { retry: FAST_RETRY });
    expect(await replay.structured(request(1))).toMatchObject({ ok: true, cached: true });
    expect(server.requests.length).toBe(n);
  });

  it('refresh mode asks again once per key and overwrites; off mode never reads or writes', async () => {
    let version = 1;
    server = await startOpenAIServer({ handler: () => ({ content: `answer v${version}` }) });
    const cwd = tempDir();
    const text = { stage: 'answer', messages: [{ role: 'user' as const, content: 'q' }] };
    const gw1 = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    expect((await gw1.text(text)).text).toBe('answer v1');
    version = 2;
    const refresh = await createGateway(testConfig({ url: server.url, cwd, flags: { cache: 'refresh' } }), { retry: FAST_RETRY });
    expect(await refresh.text(text)).toMatchObject({ text: 'answer v2', cached: false });
    expect(await refresh.text(text)).toMatchObject({ text: 'answer v2', cached: true });
    expect(server.chatRequests()).toHaveLength(2);
    const readwrite = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    expect((await readwrite.text(text)).text).toBe('answer v2');
    version = 3;
    const offDir = tempDir();
    const off = await createGateway(testConfig({ url: server.url, cwd: offDir, flags: { cache: 'off' } }), { retry: FAST_RETRY });
    expect(await off.text(text)).toMatchObject({ text: 'answer v3', cached: false });
    expect(await off.text(text)).toMatchObject({ cached: false });
    expect(server.chatRequests()).toHaveLength(4);
    expect(readdirSync(offDir)).toEqual([]);
  });

  it('errors and empty replies are not cached', async () => {
    let n = 0;
    server = await startOpenAIServer({ handler: () => (n++ === 0 ? { content: '' } : { content: 'now an answer' }) });
    const cwd = tempDir();
    const text = { stage: 'answer', messages: [{ role: 'user' as const, content: 'q' }] };
    const gw = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY });
    expect((await gw.text(text)).text).toBe('');
    expect((await gw.text(text)).text).toBe('now an answer');
    expect((await gw.text(text)).cached).toBe(true);
    expect(server.chatRequests()).toHaveLength(2);

    server.setHandler(() => ({ status: 400, error: { message: 'bad request' } }));
    const other = { stage: 'answer', messages: [{ role: 'user' as const, content: 'other' }] };
    await expect(gw.text(other)).rejects.toThrow(/rejected/);
    server.setHandler(undefined);
    expect((await gw.text(other)).cached).toBe(false);
  });

  it('the API key is in no file under the cache folder', async () => {
    const apiKey = 'sk-test-SECRET-4f9a2c';
    server = await startOpenAIServer({ apiKey, handler: answering() });
    const config = testConfig({ url: server.url, apiKey });
    const gw = await createGateway(config, { retry: FAST_RETRY });
    await gw.structured(request(1));
    await gw.text({ stage: 'answer', messages: [{ role: 'user', content: 'q' }], onToken: () => undefined });
    await gw.embed(['some text']);
    await gw.close();
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${apiKey}`)).toBe(true);
    const files = walk(config.cacheDir);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) expect(readFileSync(f, 'utf8')).not.toContain(apiKey);
  });

  it('without a key (local servers) a placeholder is sent and never stored', async () => {
    server = await startOpenAIServer({ handler: answering() });
    const config = testConfig({ url: server.url });
    const gw = await createGateway(config, { retry: FAST_RETRY });
    await gw.structured(request(1));
    // The chat request (the window discovery's GETs to the server's own routes go out alongside it and carry no key).
    const auth = server.chatRequests()[0]!.headers.authorization;
    expect(auth).toMatch(/^Bearer \S+/);
    const placeholder = auth!.slice('Bearer '.length);
    for (const f of walk(config.cacheDir)) expect(readFileSync(f, 'utf8')).not.toContain(placeholder);
  });

  it('a different temperature, seed or model is a different entry; a sample > 0 too', async () => {
    server = await startOpenAIServer({ handler: answering() });
    const cwd = tempDir();
    const keys = new Set<string>();
    for (const flags of [{}, { temperature: '0.7' }, { seed: '42' }, { model: 'other-model' }]) {
      const gw = await createGateway(testConfig({ url: server.url, cwd, flags }), { retry: FAST_RETRY });
      keys.add((await gw.structured(request(1))).cacheKey);
    }
    const gw = await createGateway(testConfig({ url: server.url, cwd, flags: { seed: '42' } }), { retry: FAST_RETRY });
    const sampled = await gw.structured({ ...request(1), sample: 2 });
    keys.add(sampled.cacheKey);
    expect(keys.size).toBe(5);
    expect(server.chatRequests().at(-1)!.body!.seed).toBe(44);
    const matrix = await createGateway(testConfig({ url: server.url, cwd }), { retry: FAST_RETRY, model: 'other-model' });
    expect((await matrix.structured(request(1))).cached).toBe(true);
    expect(matrix.modelName).toBe('other-model');
  });
});
